package dev.continuum.engine.run;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code concurrency:} groups within a run: a group holds one running and one pending member; a newer arrival
 * replaces the pending one (which is cancelled), and {@code cancel-in-progress} cancels the running one instead.
 * Group names compare case-insensitively.
 */
final class ConcurrencyGroups {

    /** A member waiting for or holding a group. */
    static final class Ticket {
        private final Consumer<String> cancel;
        private boolean admitted;
        private boolean cancelled;

        Ticket(Consumer<String> cancel) {
            this.cancel = cancel;
        }
    }

    private static final class Group {
        Ticket running;
        Ticket pending;
    }

    private final Map<String, Group> groups = new HashMap<>();

    /**
     * Waits until {@code ticket} may run in {@code group}; false when it was cancelled while pending (replaced by a
     * newer arrival).
     */
    boolean enter(String group, boolean cancelInProgress, Ticket ticket, String cancelMessage) throws InterruptedException {
        String key = group.toLowerCase(Locale.ROOT);
        synchronized (this) {
            Group g = groups.computeIfAbsent(key, k -> new Group());
            if (g.running == null) {
                g.running = ticket;
                ticket.admitted = true;
                return true;
            }
            if (cancelInProgress) {
                g.running.cancel.accept(cancelMessage);
            }
            if (g.pending != null) {
                g.pending.cancelled = true;
                g.pending.cancel.accept(cancelMessage);
            }
            g.pending = ticket;
            notifyAll();
            while (!ticket.admitted && !ticket.cancelled) {
                wait();
            }
            return ticket.admitted;
        }
    }

    /** Leaves the group; the pending member, if any, runs next. */
    synchronized void leave(String group, Ticket ticket) {
        Group g = groups.get(group.toLowerCase(Locale.ROOT));
        if (g == null || g.running != ticket) {
            return;
        }
        g.running = g.pending;
        g.pending = null;
        if (g.running != null) {
            g.running.admitted = true;
        } else {
            groups.remove(group.toLowerCase(Locale.ROOT));
        }
        notifyAll();
    }
}
