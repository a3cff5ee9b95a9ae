package dev.continuum.engine.container;

import java.util.LinkedHashMap;
import java.util.Map;

/** The names and labels of what one job creates, so that they can be told apart and swept up. */
record Labels(String runId, int jobNumber, String jobId) {

    /** The label naming the job ({@code <number>-<job id>}). */
    static final String JOB_LABEL = "dev.continuum.job";
    /** The label naming the container's role: {@code job}, {@code service}, {@code action}. */
    static final String ROLE_LABEL = "dev.continuum.role";

    Map<String, String> labels(String role) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ContainerBackend.RUN_LABEL, runId);
        m.put(JOB_LABEL, jobNumber + "-" + jobId);
        m.put(ROLE_LABEL, role);
        return m;
    }

    /** A container or network name: {@code continuum-<run>-<job number>-<what>}, in the characters Docker allows. */
    String name(String what) {
        String n = "continuum-" + runId + "-" + jobNumber + (what.isEmpty() ? "" : "-" + what);
        return n.replaceAll("[^a-zA-Z0-9_.-]", "_");
    }
}
