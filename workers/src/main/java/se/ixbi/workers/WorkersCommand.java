package se.ixbi.workers;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import se.ixbi.workers.bench.BenchCommand;
import se.ixbi.workers.demo.DemoCommand;
import se.ixbi.workers.reconstruction.ReconstructCommand;
import se.ixbi.workers.registration.RegisterCommand;
import se.ixbi.workers.simulate.SimulateOmicsCommand;
import se.ixbi.workers.simulate.SimulateScanCommand;
import se.ixbi.workers.simulate.SimulateVemCommand;
import se.ixbi.workers.storage.ManifestCommand;
import se.ixbi.workers.version.WorkersVersion;

/** {@code java -jar ixbi-workers.jar <command>}: the compute entry points of IXBI. */
@Command(name = "ixbi-workers", mixinStandardHelpOptions = true, version = WorkersVersion.NAME,
        description = {"IXBI compute: reconstruct phase-contrast scans, register images, simulate scans, FIB-SEM "
                + "stacks and spatial-omics sections.",
                "With no command (or only --property=value arguments), runs as a worker node against the engine."},
        subcommands = {ReconstructCommand.class, RegisterCommand.class, SimulateScanCommand.class,
                SimulateVemCommand.class, SimulateOmicsCommand.class, ManifestCommand.class, BenchCommand.class,
                DemoCommand.class})
public class WorkersCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: reconstruct, register, "
                + "simulate-scan, simulate-vem, simulate-omics, manifest, bench or demo");
    }

    public static CommandLine commandLine() {
        return new CommandLine(new WorkersCommand());
    }

    public static void main(String[] args) {
        if (runsWorkers(args)) {
            WorkerApplication.main(args);
            return;
        }
        System.exit(commandLine().execute(args));
    }

    /** No command, or only Spring properties ({@code --ixbi.workers.topics=…}): the worker node. */
    static boolean runsWorkers(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=") || arg.startsWith("--help") || arg.startsWith("--version")) {
                return false;
            }
        }
        return true;
    }
}
