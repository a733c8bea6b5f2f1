package jp.madoguchi.forms.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.madoguchi.forms.catalogue.LocatedYaml.Node;
import jp.madoguchi.forms.model.FormDefinition;

/**
 * The procedures a booth offers: the definitions shipped in this jar, overridden or extended by
 * the municipality's own folder. Immutable and therefore thread-safe once loaded.
 *
 * <p>Shipped definitions live on the classpath under {@value #SHIPPED_FOLDER}, listed by name in
 * {@code index.txt} there (a jar cannot be listed like a folder). A municipality's folder holds
 * {@code ID.yaml} files: one whose id is shipped replaces the shipped definition, one with a new
 * id adds a procedure. Loading is all or nothing: if any definition is wrong, nothing is loaded
 * and every problem is reported, because a booth that quietly dropped a form would send
 * residents to a procedure that is not there.
 */
public final class FormCatalogue {

    /** The classpath folder of the shipped definitions and their {@code index.txt}. */
    public static final String SHIPPED_FOLDER = "/jp/madoguchi/forms/catalogue/";

    /** The extension of definition files, in the jar and in a municipality's folder. */
    public static final String EXTENSION = ".yaml";

    private static final Logger LOG = LoggerFactory.getLogger(FormCatalogue.class);

    private final List<FormDefinition> forms;

    private FormCatalogue(List<FormDefinition> forms) {
        this.forms = List.copyOf(forms);
    }

    /**
     * Loads the shipped definitions, then the municipality's.
     *
     * @param municipalityDirOrNull the municipality's folder of {@code *.yaml} definitions, or null
     *     for the shipped forms only
     * @return shipped forms in {@code index.txt} order (each replaced in place by the
     *     municipality's file of the same id), then the municipality's new forms ordered by id
     * @throws CatalogueException carrying every problem of every file when any definition is wrong
     */
    public static FormCatalogue load(Path municipalityDirOrNull) throws CatalogueException {
        Reading reading = readAll(municipalityDirOrNull);
        if (!reading.problems.isEmpty()) {
            throw new CatalogueException(reading.problems);
        }
        List<FormDefinition> ordered = new ArrayList<>();
        Map<String, FormDefinition> added = new TreeMap<>(reading.municipal);
        for (FormDefinition shipped : reading.shipped) {
            FormDefinition replacement = added.remove(shipped.id());
            ordered.add(replacement != null ? replacement : shipped);
        }
        ordered.addAll(added.values());
        LOG.info("Form catalogue loaded: {} forms ({} shipped, {} from the municipality's folder)", ordered.size(),
                reading.shipped.size(), reading.municipal.size());
        return new FormCatalogue(ordered);
    }

    /**
     * Checks a municipality's folder as a booth would load it, for {@code forms.jar check DIR}.
     *
     * @return every problem (the folder's and, should the jar itself be broken, the shipped
     *     ones), in file and line order; empty when a booth would load the folder
     */
    public static List<Problem> check(Path dir) {
        Objects.requireNonNull(dir, "dir");
        return readAll(dir).problems;
    }

    /** Every form, in menu order. */
    public List<FormDefinition> forms() {
        return forms;
    }

    /** The form with this id. */
    public Optional<FormDefinition> form(String id) {
        return forms.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    // ---- reading ----

    /** What reading found: the forms that were sound and every problem. */
    private record Reading(List<FormDefinition> shipped, Map<String, FormDefinition> municipal, List<Problem> problems) {
    }

    private static Reading readAll(Path municipalityDirOrNull) {
        List<Problem> problems = new ArrayList<>();
        List<FormDefinition> shipped = readShipped(problems);
        Map<String, FormDefinition> municipal = new LinkedHashMap<>();
        if (municipalityDirOrNull != null) {
            readFolder(municipalityDirOrNull, municipal, problems);
        }
        return new Reading(shipped, municipal, problems);
    }

    private static List<FormDefinition> readShipped(List<Problem> problems) {
        String indexName = "classpath:" + SHIPPED_FOLDER + "index.txt";
        String index;
        try {
            index = resource(SHIPPED_FOLDER + "index.txt");
        } catch (IOException e) {
            problems.add(new Problem(indexName, 0, 0, "cannot be read: " + e.getMessage()));
            return List.of();
        }
        if (index == null) {
            problems.add(new Problem(indexName, 0, 0, "is missing from the jar; the build is broken"));
            return List.of();
        }
        List<FormDefinition> forms = new ArrayList<>();
        int lineNumber = 0;
        for (String line : index.split("\\R")) {
            lineNumber++;
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            String file = "classpath:" + SHIPPED_FOLDER + name;
            String text;
            try {
                text = resource(SHIPPED_FOLDER + name);
            } catch (IOException e) {
                problems.add(new Problem(file, 0, 0, "cannot be read: " + e.getMessage()));
                continue;
            }
            if (text == null) {
                problems.add(new Problem(indexName, lineNumber, 1, "lists " + name + ", which is not in the jar"));
                continue;
            }
            readDefinition(file, stem(name), text, problems).ifPresent(forms::add);
        }
        return forms;
    }

    private static void readFolder(Path dir, Map<String, FormDefinition> forms, List<Problem> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(new Problem(dir.toString(), 0, 0,
                    Files.exists(dir) ? "is not a folder" : "folder does not exist"));
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            problems.add(new Problem(dir.toString(), 0, 0, "folder cannot be listed: " + e.getMessage()));
            return;
        }
        for (Path path : files) {
            String name = path.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".yml") || lower.endsWith(".json") || (lower.endsWith(EXTENSION) && !name.endsWith(EXTENSION))) {
                // A definition under a near-miss name would otherwise be ignored without a word.
                problems.add(new Problem(path.toString(), 0, 0, "is not read: definition files are named ID" + EXTENSION
                        + " (lower-case extension)"));
                continue;
            }
            if (!name.endsWith(EXTENSION)) {
                continue; // README, notes: not definitions
            }
            String text;
            try {
                text = decodeUtf8(Files.readAllBytes(path));
            } catch (CharacterCodingException e) {
                problems.add(new Problem(path.toString(), 0, 0, "is not UTF-8 text; save it as UTF-8"));
                continue;
            } catch (IOException e) {
                problems.add(new Problem(path.toString(), 0, 0, "cannot be read: " + e.getMessage()));
                continue;
            }
            readDefinition(path.toString(), stem(name), text, problems).ifPresent(f -> forms.put(f.id(), f));
        }
    }

    private static Optional<FormDefinition> readDefinition(String file, String stem, String text, List<Problem> problems) {
        List<Problem> found = new ArrayList<>();
        LocatedYaml.ProblemSink sink = (at, message) -> found.add(new Problem(file, at.line(), at.column(), message));
        Node root = LocatedYaml.read(text, sink);
        Optional<FormDefinition> definition = Optional.empty();
        if (root != null) {
            try {
                definition = new DefinitionReader(sink).read(root, stem, file);
            } catch (RuntimeException e) {
                // A checker bug must not hide the other files' problems, nor pass this file as sound.
                LOG.error("Checking {} failed", file, e);
                found.add(new Problem(file, 0, 0, "could not be checked (" + e + "); this is a bug in the checker, please report it"));
            }
        }
        found.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        problems.addAll(found);
        return found.isEmpty() ? definition : Optional.empty();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FormCatalogue.class.getResourceAsStream(name)) {
            return in == null ? null : decodeUtf8(in.readAllBytes());
        }
    }

    /** Strict UTF-8 (a Shift_JIS file must be reported, not read as mojibake), without a BOM. */
    private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String stem(String fileName) {
        return fileName.endsWith(EXTENSION) ? fileName.substring(0, fileName.length() - EXTENSION.length()) : fileName;
    }
}
