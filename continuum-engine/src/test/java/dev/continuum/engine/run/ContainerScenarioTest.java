package dev.continuum.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.engine.container.ContainerBackend;
import dev.continuum.engine.container.ContainerEngine;
import dev.continuum.engine.container.Engines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code container:} jobs, service containers and Docker actions against a real engine (podman here). Skipped with
 * the reason printed when no engine answers, failed then when {@code CONTINUUM_REQUIRE_CONTAINERS=1}.
 */
class ContainerScenarioTest {

    @TempDir
    Path tmp;

    private final AtomicLong runId = new AtomicLong();

    /** Options that remember the run's id, to look for what it left behind. */
    private UnaryOperator<RunOptions> remember() {
        return o -> {
            runId.set(o.runId());
            return o;
        };
    }

    /** Nothing with the run's label is left: no container (running or not), no network. */
    private void nothingLeft(ContainerEngine engine) {
        String id = Long.toString(runId.get());
        assertThat(engine.containersLabelled(ContainerBackend.RUN_LABEL, id)).as("containers of run %s", id).isEmpty();
        assertThat(engine.networksLabelled(ContainerBackend.RUN_LABEL, id)).as("networks of run %s", id).isEmpty();
    }

    @Test
    void aContainerJobsStepsSeeTheMountedWorkspaceAndEnvFiles() throws Exception {
        Engines.requireImage("localhost/debian:bookworm");
        Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(tmp.resolve("repo/hello.txt"), "from the host\n");
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    container:
                      image: debian:bookworm
                      env: {FROM_CONTAINER: yes}
                    steps:
                      - id: a
                        run: |
                          echo "workspace=$GITHUB_WORKSPACE pwd=$(pwd) home=$HOME temp=$RUNNER_TEMP"
                          cat hello.txt
                          echo "env=$FROM_CONTAINER"
                          echo "event=$(head -c 1 "$GITHUB_EVENT_PATH")"
                          echo "GREETING=hi there" >> "$GITHUB_ENV"
                          echo "answer=42" >> "$GITHUB_OUTPUT"
                          echo /opt/tools >> "$GITHUB_PATH"
                          echo "## summary" >> "$GITHUB_STEP_SUMMARY"
                          echo "::notice::in a container"
                          echo "::add-mask::s3cr3t"
                          echo "the secret is s3cr3t"
                          echo made > made.txt
                      - run: |
                          echo "greeting=$GREETING"
                          echo "path=$PATH"
                          echo "output=${{ steps.a.outputs.answer }}"
                          echo "container=${{ job.container.id != '' }} ${{ github.workspace }} ${{ runner.temp }}"
                          [ -f /etc/debian_version ] && echo debian
                      - run: exit 3
                """, remember());
        assertThat(run.job("test").result()).isEqualTo("failure");
        assertThat(run.log("test")).contains("workspace=/__w/demo pwd=/__w/demo home=/github/home temp=/__w/_temp",
                "from the host", "env=yes", "event={", "greeting=hi there", "output=42",
                "container=true /__w/demo /__w/_temp", "debian", "the secret is ***");
        assertThat(run.log("test")).anySatisfy(l -> assertThat(l).startsWith("path=/opt/tools:/usr/local/sbin:"));
        assertThat(run.job("test").annotations()).anySatisfy(a -> assertThat(a.message()).isEqualTo("in a container"));
        assertThat(run.job("test").annotations()).anySatisfy(a ->
                assertThat(a.message()).isEqualTo("Process completed with exit code 3."));
        assertThat(run.job("test").summary()).contains("## summary");
        assertThat(tmp.resolve("run/jobs/1-test/demo/made.txt")).hasContent("made");
        nothingLeft(Engines.require());
    }

    @Test
    void servicesAreReachedByTheirIdFromAContainerJob() throws Exception {
        Engines.requireImage("localhost/postgres:15");
        Engines.requireImage("localhost/redis:7");
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    container: postgres:15
                    services:
                      db:
                        image: postgres:15
                        env: {POSTGRES_USER: app, POSTGRES_PASSWORD: pw, POSTGRES_DB: appdb}
                        options: --health-cmd pg_isready --health-interval 10s --health-retries 5
                      cache:
                        image: redis:7
                    steps:
                      - run: |
                          PGPASSWORD=pw psql -h db -U app -d appdb -tAc 'select 40 + 2'
                          exec 3<>/dev/tcp/cache/6379
                          printf 'PING\\r\\n' >&3
                          head -c 7 <&3
                          echo "db=${{ job.services.db.id != '' }} net=${{ job.services.db.network == job.container.network }}"
                """, remember());
        assertThat(run.record().result()).as("%s", run.job("test").annotations()).isEqualTo("success");
        assertThat(run.log("test")).contains("42", "+PONG", "db=true net=true");
        assertThat(run.log("test")).anySatisfy(l -> assertThat(l).startsWith("service db: container postgres:15 (podman")
                .contains(" on db "));
        assertThat(run.log("test")).anySatisfy(l -> assertThat(l).startsWith("db service is healthy"));
        nothingLeft(Engines.require());
    }

    @Test
    void aHostJobReachesServiceContainersOnTheirPublishedPorts() throws Exception {
        Engines.requireImage("localhost/redis:7");
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    services:
                      redis:
                        image: redis:7
                        ports: ['6379']
                    steps:
                      - run: |
                          exec 3<>/dev/tcp/127.0.0.1/${{ job.services.redis.ports['6379'] }}
                          printf 'PING\\r\\n' >&3
                          head -c 7 <&3
                          echo "id=${{ job.services.redis.id != '' }} network=${{ job.services.redis.network != '' }}"
                """, remember());
        assertThat(run.record().result()).as("%s", run.job("test").annotations()).isEqualTo("success");
        assertThat(run.log("test")).contains("+PONG", "id=true network=true");
        assertThat(run.log("test")).anySatisfy(l -> assertThat(l).startsWith("service redis: container redis:7")
                .contains("on 127.0.0.1 [6379->"));
        nothingLeft(Engines.require());
    }

    @Test
    void aServiceThatNeverBecomesHealthyFailsNamingItAndItsLastHealthOutput() throws Exception {
        Engines.requireImage("localhost/redis:7");
        long t0 = System.nanoTime();
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    services:
                      warm:
                        image: redis:7
                        options: >-
                          --health-cmd "echo still warming up; exit 1"
                          --health-interval 1s --health-retries 2
                    steps:
                      - run: echo never
                """, remember());
        assertThat(run.job("test").result()).isEqualTo("failure");
        assertThat(run.job("test").annotations()).singleElement().satisfies(a -> assertThat(a.message()).isEqualTo(
                "service warm (redis:7) is unhealthy: its health check (echo still warming up; exit 1) failed 2 times,"
                        + " every 1 s; last health output: still warming up (exit code 1) (the service's own log:"
                        + " docker logs of its container, or run the job with --verbose)"));
        assertThat(run.log("test")).doesNotContain("never");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        nothingLeft(Engines.require());
    }

    @Test
    void anUnsupportedOptionIsAnErrorNamingIt() throws Exception {
        Engines.requireImage("localhost/busybox:latest");
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    container:
                      image: busybox
                      options: --cpus 1 --gpus all
                    steps:
                      - run: echo never
                """, remember());
        assertThat(run.job("test").result()).isEqualTo("failure");
        assertThat(run.job("test").annotations()).singleElement().satisfies(a -> {
            assertThat(a.message()).startsWith("container: container options: --gpus is not supported (supported: --add-host,");
            assertThat(a.line()).isEqualTo(6);
        });
        nothingLeft(Engines.require());
    }

    @Test
    void aMissingImageFailsSayingItIsNotPresentAndNoRegistryAnswered() throws Exception {
        Engines.require();
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    container: continuum-test/no-such-image:1
                    steps:
                      - run: echo never
                """, remember());
        assertThat(run.job("test").result()).isEqualTo("failure");
        assertThat(run.job("test").annotations()).singleElement().satisfies(a -> assertThat(a.message())
                .startsWith("image continuum-test/no-such-image:1 is not present locally, and ")
                .contains("scripts/build-images.sh"));
        nothingLeft(Engines.require());
    }

    @Test
    void theDefaultShellIsShWhenTheImageHasNoBash() throws Exception {
        Engines.requireImage("localhost/busybox:latest");
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    container:
                      image: busybox
                      options: --hostname my.host.local --user 100:101
                    steps:
                      - run: |
                          if [ -z ${BASH+x} ]; then echo "I'm sh!"; fi
                          echo "$(id -u):$(id -g)@$(hostname)"
                          echo "X=1" >> "$GITHUB_ENV"
                      - shell: bash
                        run: echo never
                """, remember());
        assertThat(run.log("test")).contains("I'm sh!", "100:101@my.host.local");
        assertThat(run.job("test").annotations()).anySatisfy(a ->
                assertThat(a.message()).isEqualTo("shell 'bash' was not found on PATH"));
        nothingLeft(Engines.require());
    }

    @Test
    void aStepTimeoutEndsTheProcessInTheContainer() throws Exception {
        Engines.requireImage("localhost/busybox:latest");
        long t0 = System.nanoTime();
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    container: busybox
                    steps:
                      - timeout-minutes: 0.05
                        run: sleep 60
                      - if: always()
                        run: echo after
                """, remember());
        assertThat(run.job("test").result()).isEqualTo("failure");
        assertThat(run.log("test")).contains("after");
        assertThat(run.job("test").annotations()).anySatisfy(a -> assertThat(a.message()).contains("has timed out"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        nothingLeft(Engines.require());
    }

    @Test
    void aCancelledContainerJobLeavesNothingBehind() throws Exception {
        Engines.requireImage("localhost/redis:7");
        Engines.requireImage("localhost/busybox:latest");
        RunControl control = new RunControl();
        Path started = tmp.resolve("run/jobs/1-test/demo/started");
        Thread.ofVirtual().start(() -> {
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(started) && System.nanoTime() < until) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
            control.cancel();
        });
        long t0 = System.nanoTime();
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    container: busybox
                    services:
                      redis: {image: 'redis:7'}
                    steps:
                      - run: touch started; sleep 60
                      - if: cancelled()
                        run: echo cleaning up
                """, remember(), control);
        assertThat(run.job("test").result()).isEqualTo("cancelled");
        assertThat(run.log("test")).contains("cleaning up");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(40));
        nothingLeft(Engines.require());
    }

    @Test
    void dockerActionsFromADockerfileAndFromAnImageWithTheirContract() throws Exception {
        Engines.requireImage("localhost/busybox:latest");
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("actions/greet"));
        Files.writeString(repo.resolve("actions/greet/action.yml"), """
                name: greet
                inputs:
                  who-to-greet: {default: World}
                runs:
                  using: docker
                  image: Dockerfile
                  env:
                    WHOAMI: ${{ inputs.who-to-greet }}
                  args: ['${{ inputs.who-to-greet }}', 'two words']
                """);
        // a build context of its own, so that the first run builds it
        String nonce = Long.toHexString(System.nanoTime());
        Files.writeString(repo.resolve("actions/greet/Dockerfile"), "# " + nonce + "\n" + """
                FROM busybox
                COPY entrypoint.sh /entrypoint.sh
                ENTRYPOINT ["/entrypoint.sh"]
                """);
        Files.writeString(repo.resolve("actions/greet/entrypoint.sh"), """
                #!/bin/sh
                # sh hands no variable with a dash in its name to its children: read its own environment
                echo "Hello $1 / $2 / $WHOAMI / $(tr '\\0' '\\n' < /proc/1/environ | sed -n 's/^INPUT_WHO-TO-GREET=//p')"
                echo "pwd=$(pwd) ws=$GITHUB_WORKSPACE home=$HOME event=$GITHUB_EVENT_PATH"
                ls marker.txt
                echo "greeting=hello $1" >> "$GITHUB_OUTPUT"
                echo "GREETED=$1" >> "$GITHUB_ENV"
                echo "::warning::from the action"
                """);
        repo.resolve("actions/greet/entrypoint.sh").toFile().setExecutable(true);
        Files.createDirectories(repo.resolve("actions/hooks"));
        Files.writeString(repo.resolve("actions/hooks/action.yml"), """
                name: hooks
                inputs:
                  word: {required: true}
                runs:
                  using: docker
                  image: docker://busybox
                  pre-entrypoint: /bin/echo
                  entrypoint: /bin/echo
                  post-entrypoint: /bin/echo
                  args: ['${{ inputs.word }}']
                """);
        Files.writeString(repo.resolve("marker.txt"), "x");
        String yaml = """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - id: greet
                        uses: ./actions/greet
                        with: {who-to-greet: Mona}
                      - run: echo "output=${{ steps.greet.outputs.greeting }} env=$GREETED"
                      - uses: ./actions/hooks
                        with: {word: hooked}
                      - uses: docker://busybox
                        with:
                          entrypoint: /bin/sh
                          args: -c 'echo "from $INPUT_WHO in $(pwd)"'
                          who: docker-url
                """;
        var run = TestKit.run(tmp, yaml, remember());
        assertThat(run.record().result()).as("%s", run.job("test").annotations()).isEqualTo("success");
        assertThat(run.log("test")).contains("Hello Mona / two words / Mona / Mona",
                "pwd=/github/workspace ws=/github/workspace home=/github/home event=/github/workflow/event.json",
                "marker.txt", "output=hello Mona env=Mona", "from docker-url in /github/workspace");
        assertThat(run.log("test").stream().filter(l -> l.equals("hooked")).count()).as("pre, main and post").isEqualTo(3);
        assertThat(run.job("test").annotations()).anySatisfy(a -> assertThat(a.message()).isEqualTo("from the action"));
        assertThat(run.log("test")).anySatisfy(l -> assertThat(l).startsWith("building Dockerfile in "));
        nothingLeft(Engines.require());

        // unchanged: the image built before is used again
        Path again = tmp.resolve("again");
        try (var files = Files.walk(repo)) {
            for (Path f : files.toList()) {
                Path to = again.resolve("repo").resolve(repo.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        var second = TestKit.run(again, yaml, remember());
        assertThat(second.record().result()).isEqualTo("success");
        String tag = second.log("test").stream().filter(l -> l.startsWith("using image localhost/continuum-action/greet:")
                && l.endsWith("(unchanged)")).findFirst().orElseThrow().split(" ")[2];
        Engines.require().removeImage(tag);
    }

    @Test
    void aDockerActionInAContainerJobRunsOnTheJobsNetwork() throws Exception {
        Engines.requireImage("localhost/busybox:latest");
        Engines.requireImage("localhost/redis:7");
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    container: busybox
                    services:
                      cache: {image: 'redis:7'}
                    steps:
                      - run: echo hi > from-job.txt
                      - uses: docker://redis:7
                        with:
                          entrypoint: redis-cli
                          args: -h cache ping
                      - uses: docker://busybox
                        with:
                          args: cat from-job.txt
                """, remember());
        assertThat(run.record().result()).as("%s", run.job("test").annotations()).isEqualTo("success");
        assertThat(run.log("test")).contains("PONG", "hi");
        nothingLeft(Engines.require());
    }

    @Test
    void theOutputOfADockerActionThatEndsAtOnceIsNeverLost() throws Exception {
        Engines.requireImage("localhost/busybox:latest");
        StringBuilder steps = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            steps.append("      - uses: docker://busybox\n        with: {args: echo said-").append(i).append("}\n");
        }
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                """ + steps, remember());
        assertThat(run.record().result()).as("%s", run.job("test").annotations()).isEqualTo("success");
        for (int i = 1; i <= 12; i++) {
            assertThat(run.log("test")).as("the output of step %d", i).contains("said-" + i);
        }
        nothingLeft(Engines.require());
    }

    @Test
    void javaScriptAndCompositeActionsRunInTheJobContainer() throws Exception {
        Engines.requireImage("localhost/debian:bookworm");
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("actions/js"));
        Files.writeString(repo.resolve("actions/js/action.yml"), """
                name: js
                inputs:
                  who: {default: World}
                outputs:
                  where: {description: the OS}
                runs:
                  using: node20
                  main: index.js
                """);
        Files.writeString(repo.resolve("actions/js/index.js"), """
                const fs = require('fs');
                const os = fs.readFileSync('/etc/os-release', 'utf8').match(/^ID=(.*)$/m)[1];
                console.log(`hello ${process.env['INPUT_WHO']} from ${os} in ${process.cwd()} at ${process.env.GITHUB_ACTION_PATH}`);
                fs.appendFileSync(process.env.GITHUB_OUTPUT, `where=${os}\n`);
                """);
        Files.createDirectories(repo.resolve("actions/composite"));
        Files.writeString(repo.resolve("actions/composite/action.yml"), """
                name: composite
                runs:
                  using: composite
                  steps:
                    - shell: bash
                      run: echo "composite in $(cat /etc/debian_version >/dev/null && echo debian) at ${{ github.action_path }}"
                """);
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    container: debian:bookworm
                    steps:
                      - id: js
                        uses: ./actions/js
                        with: {who: Mona}
                      - run: echo "where=${{ steps.js.outputs.where }}"
                      - uses: ./actions/composite
                """, remember());
        assertThat(run.record().result()).as("%s", run.job("test").annotations()).isEqualTo("success");
        assertThat(run.log("test")).contains("hello Mona from debian in /__w/demo at /__w/demo/actions/js",
                "where=debian", "composite in debian at /__w/demo/actions/composite");
        nothingLeft(Engines.require());
    }

    @Test
    void volumesAndANonRootUserWork() throws Exception {
        Engines.requireImage("localhost/debian:bookworm");
        var run = TestKit.run(tmp, """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    container:
                      image: debian:bookworm
                      volumes:
                        - /path/to/anonymous
                        - /proc/sys/kernel/random/boot_id:/current/boot_id
                      options: --user 1234
                    steps:
                      - run: |
                          test -d /path/to/anonymous
                          test "$(cat /proc/sys/kernel/random/boot_id)" = "$(cat /current/boot_id)"
                          echo "uid=$(id -u)"
                          echo "v=1" >> "$GITHUB_OUTPUT"
                """, remember());
        assertThat(run.record().result()).as("%s", run.job("test").annotations()).isEqualTo("success");
        assertThat(run.log("test")).contains("uid=1234");
        nothingLeft(Engines.require());
    }

    @Test
    void anEngineThatDiesMidJobFailsItClearlyAndLeavesNothingRunning() throws Exception {
        ContainerEngine main = Engines.require();
        Engines.requireImage("localhost/busybox:latest");
        Path podman = Path.of("/usr/bin/podman");
        org.junit.jupiter.api.Assumptions.assumeTrue(main.isPodman() && Files.isExecutable(podman),
                "needs podman, to start an API service of its own to stop");
        Path sock = tmp.resolve("engine.sock");
        Process service = new ProcessBuilder(podman.toString(), "system", "service", "--time=0", "unix://" + sock)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("service.log").toFile()).start();
        try {
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.exists(sock) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
            Path started = tmp.resolve("run/jobs/1-test/demo/started");
            Thread.ofVirtual().start(() -> {
                long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!Files.exists(started) && System.nanoTime() < end) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                service.destroyForcibly();
            });
            var run = TestKit.run(tmp, """
                    on: push
                    jobs:
                      test:
                        runs-on: ubuntu-latest
                        container: busybox
                        steps:
                          - run: touch started; sleep 60
                    """, o -> {
                runId.set(o.runId());
                var env = new java.util.HashMap<>(o.hostEnv());
                env.put("DOCKER_HOST", "unix://" + sock);
                return o.withHostEnv(env);
            });
            assertThat(run.job("test").result()).isEqualTo("failure");
            assertThat(run.job("test").annotations()).anySatisfy(a -> assertThat(a.message())
                    .contains("the container engine (podman").contains("stopped answering"));
            // nothing of the job runs any more, though the engine could not remove its container
            String id = Long.toString(runId.get());
            for (String c : main.containersLabelled(ContainerBackend.RUN_LABEL, id)) {
                assertThat(main.inspect(c).running()).as("container %s", c).isFalse();
            }
        } finally {
            service.destroyForcibly().waitFor();
            String id = Long.toString(runId.get());
            List<String> left = main.containersLabelled(ContainerBackend.RUN_LABEL, id);
            left.forEach(main::remove);
            main.networksLabelled(ContainerBackend.RUN_LABEL, id).forEach(main::removeNetwork);
        }
    }
}
