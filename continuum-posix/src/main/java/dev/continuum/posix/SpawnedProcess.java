package dev.continuum.posix;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A process started by {@link PosixSpawnLauncher}. Its exit status is collected with {@code waitpid} by the first
 * thread that waits for it (or by a reaper thread started for {@link #onExit()} and timed waits); every other
 * waiter gets the same value. Exit values follow the JDK: the exit status, or 128 + the signal that ended it.
 */
final class SpawnedProcess extends Process {

    private final int pid;
    private final InputStream output;
    private final PosixSpawnLauncher.Native natives;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicBoolean reaping = new AtomicBoolean();

    SpawnedProcess(int pid, InputStream output, PosixSpawnLauncher.Native natives) {
        this.pid = pid;
        this.output = output;
        this.natives = natives;
    }

    @Override
    public OutputStream getOutputStream() {
        return OutputStream.nullOutputStream(); // standard input is /dev/null
    }

    @Override
    public InputStream getInputStream() {
        return output;
    }

    @Override
    public InputStream getErrorStream() {
        return InputStream.nullInputStream(); // merged into the input stream
    }

    @Override
    public int waitFor() throws InterruptedException {
        reapHere();
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        startReaper();
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public CompletableFuture<Process> onExit() {
        startReaper();
        return exit.thenApply(code -> this);
    }

    @Override
    public int exitValue() {
        Integer code = exit.getNow(null);
        if (code == null) {
            throw new IllegalThreadStateException("process " + pid + " has not exited");
        }
        return code;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public ProcessHandle toHandle() {
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("process " + pid + " is gone"));
    }

    @Override
    public void destroy() {
        signal(false);
    }

    @Override
    public Process destroyForcibly() {
        signal(true);
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    private void signal(boolean force) {
        // Only while not yet reaped: after that the pid may belong to another process.
        if (!exit.isDone()) {
            ProcessHandle.of(pid).ifPresent(h -> {
                if (force) {
                    h.destroyForcibly();
                } else {
                    h.destroy();
                }
            });
        }
    }

    /** Collects the exit status on this thread unless another thread already does. */
    private void reapHere() {
        if (reaping.compareAndSet(false, true)) {
            reap();
        }
    }

    private void startReaper() {
        if (reaping.compareAndSet(false, true)) {
            Thread t = new Thread(this::reap, "continuum-reaper-" + pid);
            t.setDaemon(true);
            t.start();
        }
    }

    private void reap() {
        try {
            int status = natives.waitpid(pid);
            exit.complete(decode(status));
        } catch (RuntimeException | Error e) {
            exit.completeExceptionally(e);
            throw e;
        }
    }

    /** The JDK's exit value for a wait status: the exit code, or 0x80 + the terminating signal. */
    static int decode(int status) {
        if (status == -1) {
            return -1;
        }
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 0x80 + signal;
    }

    @Override
    public String toString() {
        return "Process[pid=" + pid + ", exitValue=" + (exit.isDone() ? exit.getNow(-1) : "\"not exited\"") + "]";
    }
}
