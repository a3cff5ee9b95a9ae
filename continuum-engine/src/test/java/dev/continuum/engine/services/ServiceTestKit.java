package dev.continuum.engine.services;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the service tests share: work directories, a look at running processes, psql and a Redis client. */
final class ServiceTestKit {

    private ServiceTestKit() {
    }

    /** A fresh directory under /tmp that any user may enter, as a job's scratch directory would be. */
    static Path openWorkDir() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "continuum-services-test-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** What is left in a directory. */
    static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }

    /**
     * The processes whose current directory is in {@code dir}: every process a host service starts runs there
     * (the server programs change into their data directory, which is inside it).
     */
    static List<String> processesIn(Path dir) {
        List<String> found = new ArrayList<>();
        String prefix = dir.toAbsolutePath().toString();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    String cwd = Files.readSymbolicLink(proc.resolve("cwd")).toString();
                    if (cwd.startsWith(prefix) && !stat(proc).contains(") Z ")) {
                        found.add(proc.getFileName() + " " + cmdline(proc));
                    }
                } catch (IOException | SecurityException e) {
                    // gone, or not ours to see
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static String stat(Path proc) throws IOException {
        return Files.readString(proc.resolve("stat"));
    }

    private static String cmdline(Path proc) throws IOException {
        return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').strip();
    }

    /** Whether something accepts TCP connections on the loopback port. */
    static boolean accepting(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The result of a command: exit code and merged output. */
    record Result(int exit, String output) {
    }

    /** Runs a command with extra environment, for at most 30 s. */
    static Result run(List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + argv);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
    }

    /** A minimal RESP client: sends one command, returns the reply's first line and, for a bulk string, its value. */
    static String redis(int port, String... command) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(5000);
            StringBuilder req = new StringBuilder("*" + command.length + "\r\n");
            for (String part : command) {
                req.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part)
                        .append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            String first = line(in);
            if (first.startsWith("$") && !first.equals("$-1")) {
                return line(in);
            }
            if (first.startsWith("*")) {
                int n = Integer.parseInt(first.substring(1));
                List<String> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String head = line(in);
                    items.add(head.startsWith("$") && !head.equals("$-1") ? line(in) : head);
                }
                return String.join(",", items);
            }
            return first;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
