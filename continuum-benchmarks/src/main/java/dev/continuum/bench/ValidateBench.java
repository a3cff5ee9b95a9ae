package dev.continuum.bench;

import dev.continuum.workflow.load.WorkflowLoader;
import dev.continuum.workflow.validate.ValidationOptions;
import dev.continuum.workflow.validate.WorkflowValidator;
import dev.continuum.workflow.yaml.YamlLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Loading and validating one typical workflow in-process, steady state: the bundled example's {@code ci.yml}
 * (about 200 lines: matrix, services, artifacts, caches, needs, expressions). Also the YAML layer and the
 * load (YAML + schema + model) alone, to see where the time goes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ValidateBench {

    @Param({"examples/java-service/.github/workflows/ci.yml"})
    public String file;

    private byte[] bytes;
    private final YamlLoader yaml = new YamlLoader();
    private final WorkflowLoader loader = new WorkflowLoader();
    private final WorkflowValidator validator = new WorkflowValidator(ValidationOptions.defaults());

    @Setup
    public void read() {
        try {
            bytes = Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("run from the repository root", e);
        }
    }

    @Benchmark
    public Object yamlOnly() {
        return yaml.load(file, bytes);
    }

    @Benchmark
    public Object load() {
        return loader.load(file, bytes);
    }

    @Benchmark
    public Object loadAndValidate() {
        return validator.validate(file, bytes);
    }
}
