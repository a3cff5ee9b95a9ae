import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM's own floor for `continuum run`'s overhead benchmark: start `bash -e step.sh` N times from Java, one after
 * another, reading its output and waiting for it, and nothing else. Usage: java SpawnFloor.java N STEP_SCRIPT
 */
public class SpawnFloor {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        String script = Path.of(args[1]).toAbsolutePath().toString();
        String bash = Files.exists(Path.of("/usr/bin/bash")) ? "/usr/bin/bash" : "/bin/bash";
        for (int i = 0; i < n; i++) {
            Process p = new ProcessBuilder(List.of(bash, "-e", script)).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        }
    }
}
