package se.ixbi.workers;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import se.ixbi.workers.bench.BenchCommand;
import se.ixbi.workers.reconstruction.ReconstructCommand;
import se.ixbi.workers.scan.SimulateScanCommand;

/** {@code java -jar ixbi-workers.jar <command>}: the compute entry points of IXBI. */
@Command(name = "ixbi-workers", mixinStandardHelpOptions = true, version = "ixbi-workers 0.1.0",
        description = "IXBI compute: reconstruct phase-contrast scans, simulate scans.",
        subcommands = {ReconstructCommand.class, SimulateScanCommand.class, BenchCommand.class})
public class WorkersCommand implements Runnable {

    /** Exit code for input that cannot be processed as it is (missing datasets, bad shapes, NaNs, damaged files). */
    public static final int EXIT_BAD_INPUT = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: reconstruct or simulate-scan");
    }

    public static CommandLine commandLine() {
        return new CommandLine(new WorkersCommand());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
