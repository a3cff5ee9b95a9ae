package dev.continuum.workflow.model;

import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.yaml.YamlNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job: either one that runs steps on a runner, or a call of a reusable workflow ({@link #uses()} present).
 *
 * @param id              the key under {@code jobs:}
 * @param idPosition      where the id is written
 * @param name            {@code name:}
 * @param needs           {@code needs:} in order
 * @param ifCondition     {@code if:} (absent: {@code success()})
 * @param runsOn          {@code runs-on:}
 * @param environment     {@code environment:}
 * @param permissions     {@code permissions:}
 * @param outputs         {@code outputs:}
 * @param env             {@code env:}
 * @param defaults        {@code defaults.run}
 * @param timeoutMinutes  {@code timeout-minutes:} as written (number or expression)
 * @param strategy        {@code strategy:}
 * @param continueOnError {@code continue-on-error:} as written
 * @param concurrency     {@code concurrency:}
 * @param container       {@code container:}
 * @param services        {@code services:} by id
 * @param uses            reusable workflow reference
 * @param with            inputs passed to a reusable workflow
 * @param secrets         secrets passed to a reusable workflow
 * @param inheritSecrets  {@code secrets: inherit}
 * @param steps           {@code steps:}
 * @param position        where the job's mapping starts
 */
public record Job(String id, Position idPosition, Optional<Text> name, List<Text> needs, Optional<Text> ifCondition,
                  Optional<RunsOn> runsOn, Optional<Environment> environment, Optional<Permissions> permissions,
                  Map<String, Text> outputs, Map<String, Text> env, Optional<RunDefaults> defaults,
                  Optional<Text> timeoutMinutes, Optional<Strategy> strategy, Optional<Text> continueOnError,
                  Optional<Concurrency> concurrency, Optional<Container> container, Map<String, Container> services,
                  Optional<Text> uses, Map<String, YamlNode> with, Map<String, Text> secrets, boolean inheritSecrets,
                  List<Step> steps, Position position) {

    public Job {
        needs = List.copyOf(needs);
        outputs = Collections2.orderedCopy(outputs);
        env = Collections2.orderedCopy(env);
        services = Collections2.orderedCopy(services);
        with = Collections2.orderedCopy(with);
        secrets = Collections2.orderedCopy(secrets);
        steps = List.copyOf(steps);
    }

    /** True when this job calls a reusable workflow instead of running steps. */
    public boolean isWorkflowCall() {
        return uses.isPresent();
    }

    /** {@code runs-on:} as labels, a group, or one expression. */
    public record RunsOn(List<Text> labels, Optional<Text> group, Position position) {
        public RunsOn {
            labels = List.copyOf(labels);
        }
    }

    /** {@code environment:} name and optional URL. */
    public record Environment(Text name, Optional<Text> url) {
    }

    /**
     * {@code strategy:}; the matrix stays a YAML node because its values may be any YAML or an expression.
     *
     * @param matrix      the {@code matrix:} node (mapping or a whole-expression scalar)
     * @param failFast    as written
     * @param maxParallel as written
     */
    public record Strategy(Optional<YamlNode> matrix, Optional<Text> failFast, Optional<Text> maxParallel, Position position) {
    }

    /** A {@code container:} or one service of {@code services:}. */
    public record Container(Text image, Map<String, Text> env, List<Text> ports, List<Text> volumes,
                            Optional<Text> options, Optional<Text> username, Optional<Text> password,
                            Optional<Text> entrypoint, Optional<Text> command, Position position) {
        public Container {
            env = Collections2.orderedCopy(env);
            ports = List.copyOf(ports);
            volumes = List.copyOf(volumes);
        }
    }
}
