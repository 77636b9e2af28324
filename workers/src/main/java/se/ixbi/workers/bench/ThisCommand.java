package se.ixbi.workers.bench;

import java.util.ArrayList;
import java.util.List;

/** The command line that starts these workers' CLI in a new JVM, launched as this JVM was. */
final class ThisCommand {

    private ThisCommand() {
    }

    /** {@code java -jar the.jar args…}, or the main class on this class path when not run from the jar. */
    static List<String> with(String... args) {
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        String launcher = System.getProperty("sun.java.command", "").split(" ")[0];
        List<String> command = new ArrayList<>(launcher.endsWith(".jar") ? List.of(javaCommand, "-jar", launcher)
                : List.of(javaCommand, "-cp", System.getProperty("java.class.path"), launcher));
        command.addAll(List.of(args));
        return command;
    }
}
