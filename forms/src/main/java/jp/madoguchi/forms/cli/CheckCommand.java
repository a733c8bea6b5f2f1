package jp.madoguchi.forms.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.catalogue.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code check DIR}: every problem in a municipality's definitions, as file:line:column: message. */
@Command(name = "check", description = "Check a municipality's folder of definitions and report every problem.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "The folder of *.yaml definitions.")
    Path dir;

    @Option(names = "--lang", paramLabel = "LANG", description = "Language of the tool's messages: ja or en.")
    String language;

    @Override
    public Integer call() throws Exception {
        Out out = new Out(language);
        if (!Files.isDirectory(dir)) {
            return out.fail(FormsTool.EXIT_FAILURE, "error.not_found", dir);
        }
        List<Problem> problems = FormCatalogue.check(dir);
        if (problems.isEmpty()) {
            long count;
            try (var files = Files.list(dir)) {
                count = files.filter(f -> f.toString().endsWith(FormCatalogue.EXTENSION)).count();
            }
            out.say("check.ok", dir, count);
            return FormsTool.EXIT_OK;
        }
        out.err.println(out.text("check.problems", problems.size(), dir));
        for (Problem p : problems) {
            out.err.println(p);
        }
        return FormsTool.EXIT_FAILURE;
    }
}
