package dev.continuum.engine.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * The fixed host ports ({@code ports: ['5432:5432']}) that the run's jobs publish services on. On GitHub every job
 * has a machine of its own, so two matrix legs may both publish 5432; here they share one host, so a job waits until
 * the jobs holding its ports have ended instead of failing on a port in use. Thread-safe.
 */
final class HostPorts {

    private final Map<Integer, String> holders = new HashMap<>();

    /**
     * Takes all of {@code ports} for {@code holder}, waiting while another job of the run holds any of them.
     *
     * @param waiting   called once, with the holders, when the job has to wait
     * @param cancelled polled while waiting; true gives up
     * @return false when the wait was given up (cancelled or interrupted); nothing is held then
     */
    synchronized boolean acquire(Set<Integer> ports, String holder, java.util.function.Consumer<String> waiting,
                                 BooleanSupplier cancelled) {
        boolean told = false;
        while (true) {
            List<String> busy = new TreeSet<>(ports).stream().filter(holders::containsKey)
                    .map(p -> p + " (" + holders.get(p) + ")").toList();
            if (busy.isEmpty()) {
                ports.forEach(p -> holders.put(p, holder));
                return true;
            }
            if (cancelled.getAsBoolean()) {
                return false;
            }
            if (!told) {
                waiting.accept(String.join(", ", busy));
                told = true;
            }
            try {
                wait(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Gives the ports back. */
    synchronized void release(Set<Integer> ports, String holder) {
        ports.forEach(p -> holders.remove(p, holder));
        notifyAll();
    }
}
