package jp.madoguchi.forms.catalogue;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes reading a form definition (issue 9, docs/decisions/0031-fuzzing.md): YAML text from arbitrary bytes,
 * read the way {@link FormCatalogue} reads a municipality's file, but without its safety net that turns a
 * checker exception into a "bug in the checker" problem. Whatever the bytes, reading gives a definition or
 * problems with a message, and throws nothing. Without {@code JAZZER_FUZZ=1} this runs the seeds under
 * {@code DefinitionFuzzTestInputs/} (the shipped definitions) once each.
 */
class DefinitionFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readDefinition(@NotNull @WithLength(max = 8192) byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        LocatedYaml.ProblemSink sink = (at, message) -> {
            assertNotNull(at, "a problem has a location");
            assertNotNull(message, "a problem has a message");
            problems.add(message);
        };
        var root = LocatedYaml.read(text, sink);
        if (root != null) {
            assertNotNull(new DefinitionReader(sink).read(root, "juminhyo", "fuzz.yaml"));
        }
    }
}
