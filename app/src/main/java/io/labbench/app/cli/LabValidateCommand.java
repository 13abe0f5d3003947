package io.labbench.app.cli;

import io.labbench.labmodel.load.LabError;
import io.labbench.labmodel.load.LabLoader;
import io.labbench.labmodel.load.LoadResult;
import io.labbench.labmodel.model.Action;
import io.labbench.labmodel.model.Lab;
import io.labbench.labmodel.model.Step;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code labbench lab validate FILE...}: loads each lab file with the same loader the wizard uses and
 * prints every error as {@code file:line:column: message}; exit status 1 if any file has one.
 */
@Command(name = "validate", description = "Check lab files against the lab format; exit 1 on any error.")
public final class LabValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Lab YAML files, e.g. assets/labs/*.yaml")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LabLoader loader = new LabLoader();
        int errorCount = 0;
        for (Path file : files) {
            LoadResult result = loader.load(file);
            for (LabError error : result.errors()) {
                err.println(error.format());
            }
            errorCount += result.errors().size();
            result.lab().ifPresent(lab -> out.println(file + ": ok (" + summary(lab) + ")"));
        }
        err.flush();
        out.flush();
        if (errorCount > 0) {
            err.println(errorCount + (errorCount == 1 ? " error" : " errors") + " in " + files.size()
                    + (files.size() == 1 ? " file" : " files"));
            err.flush();
            return 1;
        }
        return 0;
    }

    private static String summary(Lab lab) {
        List<Step> steps = lab.allSteps();
        long commands = steps.stream().flatMap(s -> s.actions().stream()).filter(a -> a instanceof Action.Run).count();
        long checks = steps.stream().mapToLong(s -> s.checks().size()).sum();
        long captures = steps.stream().mapToLong(s -> s.captures().size()).sum();
        return lab.sections().size() + " sections, " + steps.size() + " steps, " + commands + " commands, "
                + checks + " checks, " + captures + " captures";
    }
}
