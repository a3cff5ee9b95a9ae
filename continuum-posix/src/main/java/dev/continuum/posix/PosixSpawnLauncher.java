package dev.continuum.posix;

import dev.continuum.engine.runtime.ProcessLauncher;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts processes with glibc's {@code posix_spawn} (a {@code clone(CLONE_VM|CLONE_VFORK)} and one exec), where the
 * JDK's launcher execs its {@code jspawnhelper} first and the program second: about a millisecond less per step on
 * the machines we measure (docs/benchmarks.md). The child gets standard input from {@code /dev/null}, standard
 * output and error on one pipe, the working directory through {@code posix_spawn_file_actions_addchdir_np}, no
 * other descriptor ({@code posix_spawn_file_actions_addclosefrom_np}) and an empty signal mask.
 *
 * <p>Needs Linux with glibc 2.34 or newer and native access for this module
 * ({@code --enable-native-access=ALL-UNNAMED}); the constructor throws {@link UnsupportedOperationException}
 * elsewhere, and the engine falls back to the JDK's launcher.
 */
public final class PosixSpawnLauncher implements ProcessLauncher {

    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int EINTR = 4;
    /** Generous upper bounds of glibc's opaque types on 64-bit Linux (80, 336 and 128 bytes). */
    private static final long FILE_ACTIONS_SIZE = 256;
    private static final long ATTR_SIZE = 512;
    private static final long SIGSET_SIZE = 256;

    private static final Native NATIVE = Native.load();

    /** Fails with {@link UnsupportedOperationException} where the native calls are not available. */
    public PosixSpawnLauncher() {
        if (NATIVE.failure != null) {
            throw new UnsupportedOperationException(NATIVE.failure);
        }
    }

    @Override
    public String name() {
        return "posix_spawn";
    }

    @Override
    public Process start(List<String> argv, Path dir, Map<String, String> env) throws IOException {
        if (argv.isEmpty()) {
            throw new IOException("no program to start");
        }
        Native n = NATIVE;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(n.callState);
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            if ((int) n.pipe2.invokeExact(errno, fds, O_CLOEXEC) != 0) {
                throw new IOException("pipe2 failed: errno " + (int) n.errno.get(errno, 0L));
            }
            int readEnd = fds.getAtIndex(ValueLayout.JAVA_INT, 0);
            int writeEnd = fds.getAtIndex(ValueLayout.JAVA_INT, 1);
            MemorySegment actions = arena.allocate(FILE_ACTIONS_SIZE, 16);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 16);
            MemorySegment mask = arena.allocate(SIGSET_SIZE, 16);
            try {
                check((int) n.actionsInit.invokeExact(actions), "posix_spawn_file_actions_init");
                check((int) n.attrInit.invokeExact(attr), "posix_spawnattr_init");
                try {
                    check((int) n.addOpen.invokeExact(actions, 0, arena.allocateFrom("/dev/null"), O_RDONLY, 0),
                            "posix_spawn_file_actions_addopen");
                    check((int) n.addDup2.invokeExact(actions, writeEnd, 1), "posix_spawn_file_actions_adddup2");
                    check((int) n.addDup2.invokeExact(actions, writeEnd, 2), "posix_spawn_file_actions_adddup2");
                    check((int) n.addChdir.invokeExact(actions, arena.allocateFrom(dir.toString())),
                            "posix_spawn_file_actions_addchdir_np");
                    check((int) n.addClosefrom.invokeExact(actions, 3), "posix_spawn_file_actions_addclosefrom_np");
                    check((int) n.sigemptyset.invokeExact(mask), "sigemptyset");
                    check((int) n.setSigmask.invokeExact(attr, mask), "posix_spawnattr_setsigmask");
                    check((int) n.setFlags.invokeExact(attr, POSIX_SPAWN_SETSIGMASK), "posix_spawnattr_setflags");
                    MemorySegment pid = arena.allocate(ValueLayout.JAVA_INT);
                    MemorySegment path = arena.allocateFrom(argv.getFirst());
                    int rc = (int) n.spawn.invokeExact(pid, path, actions, attr, strings(arena, argv), environment(arena, env));
                    if (rc != 0) {
                        throw new IOException("Cannot run program \"" + argv.getFirst() + "\" (in directory \"" + dir
                                + "\"): " + describe(rc));
                    }
                    // Reopened through /proc while this end still has a writer, so that the open cannot block.
                    InputStream in = new FileInputStream("/proc/self/fd/" + readEnd);
                    return new SpawnedProcess(pid.get(ValueLayout.JAVA_INT, 0), in, n);
                } finally {
                    check((int) n.actionsDestroy.invokeExact(actions), "posix_spawn_file_actions_destroy");
                    check((int) n.attrDestroy.invokeExact(attr), "posix_spawnattr_destroy");
                }
            } finally {
                // The child has its copies; the stream above has its own descriptor of the read end.
                int a = (int) n.close.invokeExact(writeEnd);
                int b = (int) n.close.invokeExact(readEnd);
                assert a == 0 && b == 0;
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("posix_spawn failed: " + t, t);
        }
    }

    private static void check(int rc, String call) throws IOException {
        if (rc != 0) {
            throw new IOException(call + " failed: " + describe(rc));
        }
    }

    private static String describe(int errno) {
        return switch (errno) {
            case 2 -> "error=2, No such file or directory";
            case 13 -> "error=13, Permission denied";
            case 20 -> "error=20, Not a directory";
            case 8 -> "error=8, Exec format error";
            case 12 -> "error=12, Cannot allocate memory";
            case 7 -> "error=7, Argument list too long";
            default -> "error=" + errno;
        };
    }

    /**
     * The {@code envp} array: every {@code NAME=value} string in one native block (a step's environment has about a
     * hundred entries; one allocation instead of a hundred).
     */
    private static MemorySegment environment(Arena arena, Map<String, String> env) {
        byte[][] entries = new byte[env.size()][];
        int total = 0;
        int k = 0;
        for (Map.Entry<String, String> e : env.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
            byte[] entry = new byte[name.length + 1 + value.length + 1];
            System.arraycopy(name, 0, entry, 0, name.length);
            entry[name.length] = '=';
            System.arraycopy(value, 0, entry, name.length + 1, value.length); // the last byte stays 0
            entries[k++] = entry;
            total += entry.length;
        }
        MemorySegment block = arena.allocate(Math.max(1, total));
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, entries.length + 1L);
        long at = 0;
        for (int i = 0; i < entries.length; i++) {
            MemorySegment.copy(entries[i], 0, block, ValueLayout.JAVA_BYTE, at, entries[i].length);
            array.setAtIndex(ValueLayout.ADDRESS, i, block.asSlice(at));
            at += entries[i].length;
        }
        array.setAtIndex(ValueLayout.ADDRESS, entries.length, MemorySegment.NULL);
        return array;
    }

    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    /** The native functions, looked up once; {@link #failure} says why they are not usable. */
    static final class Native {
        final String failure;
        MethodHandle pipe2;
        MethodHandle close;
        MethodHandle spawn;
        MethodHandle actionsInit;
        MethodHandle actionsDestroy;
        MethodHandle addOpen;
        MethodHandle addDup2;
        MethodHandle addChdir;
        MethodHandle addClosefrom;
        MethodHandle attrInit;
        MethodHandle attrDestroy;
        MethodHandle setFlags;
        MethodHandle setSigmask;
        MethodHandle sigemptyset;
        MethodHandle waitpid;
        StructLayout callState;
        VarHandle errno;

        private Native(String failure) {
            this.failure = failure;
        }

        static Native load() {
            if (!System.getProperty("os.name", "").equals("Linux") || !Files.isDirectory(Path.of("/proc/self/fd"))) {
                return new Native("posix_spawn launcher: Linux only");
            }
            try {
                Native n = new Native(null);
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                ValueLayout.OfInt i = ValueLayout.JAVA_INT;
                ValueLayout p = ValueLayout.ADDRESS;
                n.callState = Linker.Option.captureStateLayout();
                n.errno = n.callState.varHandle(MemoryLayout.PathElement.groupElement("errno"));
                n.pipe2 = linker.downcallHandle(find(libc, "pipe2"), FunctionDescriptor.of(i, p, i),
                        Linker.Option.captureCallState("errno"));
                n.close = handle(linker, libc, "close", FunctionDescriptor.of(i, i));
                n.spawn = handle(linker, libc, "posix_spawn", FunctionDescriptor.of(i, p, p, p, p, p, p));
                n.actionsInit = handle(linker, libc, "posix_spawn_file_actions_init", FunctionDescriptor.of(i, p));
                n.actionsDestroy = handle(linker, libc, "posix_spawn_file_actions_destroy", FunctionDescriptor.of(i, p));
                n.addOpen = handle(linker, libc, "posix_spawn_file_actions_addopen", FunctionDescriptor.of(i, p, i, p, i, i));
                n.addDup2 = handle(linker, libc, "posix_spawn_file_actions_adddup2", FunctionDescriptor.of(i, p, i, i));
                n.addChdir = handle(linker, libc, "posix_spawn_file_actions_addchdir_np", FunctionDescriptor.of(i, p, p));
                n.addClosefrom = handle(linker, libc, "posix_spawn_file_actions_addclosefrom_np",
                        FunctionDescriptor.of(i, p, i));
                n.attrInit = handle(linker, libc, "posix_spawnattr_init", FunctionDescriptor.of(i, p));
                n.attrDestroy = handle(linker, libc, "posix_spawnattr_destroy", FunctionDescriptor.of(i, p));
                n.setFlags = handle(linker, libc, "posix_spawnattr_setflags", FunctionDescriptor.of(i, p, ValueLayout.JAVA_SHORT));
                n.setSigmask = handle(linker, libc, "posix_spawnattr_setsigmask", FunctionDescriptor.of(i, p, p));
                n.sigemptyset = handle(linker, libc, "sigemptyset", FunctionDescriptor.of(i, p));
                n.waitpid = linker.downcallHandle(find(libc, "waitpid"), FunctionDescriptor.of(i, i, p, i),
                        Linker.Option.captureCallState("errno"));
                return n;
            } catch (RuntimeException | LinkageError e) {
                // IllegalCallerException when native access is denied; NoSuchElementException for an old glibc
                return new Native("posix_spawn launcher unavailable: " + e.getMessage());
            }
        }

        private static MethodHandle handle(Linker linker, SymbolLookup libc, String name, FunctionDescriptor d) {
            return linker.downcallHandle(find(libc, name), d);
        }

        private static MemorySegment find(SymbolLookup libc, String name) {
            Optional<MemorySegment> s = libc.find(name);
            return s.orElseThrow(() -> new java.util.NoSuchElementException("no " + name + " in the C library"));
        }

        /** waitpid(pid, &status, 0), retried on EINTR; the raw status, or -1 when there is no such child. */
        int waitpid(int pid) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(callState);
                MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
                while (true) {
                    int rc = (int) waitpid.invokeExact(state, pid, status, 0);
                    if (rc == pid) {
                        return status.get(ValueLayout.JAVA_INT, 0);
                    }
                    if (rc == -1 && (int) errno.get(state, 0L) == EINTR) {
                        continue;
                    }
                    return -1;
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
