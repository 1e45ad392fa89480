package io.trt4j.cli;

import io.trt4j.core.TensorRt;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code trt4j} command line: {@code convert}, {@code build}, {@code run}, {@code bench}, {@code inspect} and
 * {@code demo} (the end-to-end main job on a built-in Inception v3).
 *
 * <p>Thread-safety: a command-line entry point; not for concurrent use.
 */
@Command(name = "trt4j", mixinStandardHelpOptions = true, versionProvider = Trt4jCommand.Versions.class,
        description = "TensorFlow model to TensorRT engine, served from the JVM.",
        subcommands = {DemoCommand.class, ConvertCommand.class, BuildCommand.class, RunCommand.class,
                BenchCommand.class, InspectCommand.class, CommandLine.HelpCommand.class})
public final class Trt4jCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit status (0 success, 1 failure, 2 usage error). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Trt4jCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("trt4j " + cmd.getCommandName() + ": " + Messages.describe(e));
            if (Boolean.getBoolean("trt4j.stacktrace")) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints trt4j's, TensorRT's and CUDA's versions, or why the GPU is unusable. */
    static final class Versions implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String pkg = Trt4jCommand.class.getPackage().getImplementationVersion();
            String gpu = TensorRt.isAvailable() ? TensorRt.version().toString() : "GPU unavailable: " + TensorRt.diagnosis();
            return new String[] {"trt4j " + (pkg == null ? "(development build)" : pkg), gpu};
        }
    }
}
