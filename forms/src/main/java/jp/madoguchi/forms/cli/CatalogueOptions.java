package jp.madoguchi.forms.cli;

import java.nio.file.Path;
import jp.madoguchi.forms.catalogue.CatalogueException;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.catalogue.Problem;
import picocli.CommandLine.Option;

/** Which definitions a command uses: the shipped ones, overridden and extended by a municipality's folder. */
final class CatalogueOptions {
    @Option(names = "--dir", paramLabel = "DIR", description = "The municipality's folder of definitions (overrides and additions).")
    Path dir;

    /** The catalogue, or null after saying every problem. */
    FormCatalogue load(Out out) {
        try {
            return FormCatalogue.load(dir);
        } catch (CatalogueException e) {
            out.err.println(out.text("error.catalogue"));
            for (Problem p : e.problems()) {
                out.err.println("  " + p);
            }
            return null;
        }
    }
}
