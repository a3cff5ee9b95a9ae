package dev.continuum.workflow.diag;

/** How bad a finding is: an error means GitHub would reject or fail the workflow; a warning means it runs but something is wrong. */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    NOTE("note");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The lower-case word used in printed diagnostics. */
    public String label() {
        return label;
    }
}
