package jp.madoguchi.forms.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Language;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code list}: the procedures, titled in one booth language. */
@Command(name = "list", description = "List the procedures (id and title).")
final class ListCommand implements Callable<Integer> {
    @Mixin
    CatalogueOptions catalogue;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "ja", description = "ja, ja-easy, en, zh, ko, vi or pt (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--json", description = "Print a JSON array of {\"id\", \"title\"}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Out out = new Out(language);
        Language lang = Language.fromCode(language).orElse(null);
        if (lang == null) {
            return out.fail(FormsTool.EXIT_USAGE, "error.unknown_language", language,
                    Arrays.stream(Language.values()).map(Language::code).collect(Collectors.joining(", ")));
        }
        FormCatalogue forms = catalogue.load(out);
        if (forms == null) {
            return FormsTool.EXIT_FAILURE;
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            for (FormDefinition form : forms.forms()) {
                array.addObject().put("id", form.id()).put("title", form.title().in(lang));
            }
            out.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } else {
            for (FormDefinition form : forms.forms()) {
                out.out.println(form.id() + "\t" + form.title().in(lang));
            }
        }
        return FormsTool.EXIT_OK;
    }
}
