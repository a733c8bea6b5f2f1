package jp.madoguchi.forms.fill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.forms.model.FieldSource;
import jp.madoguchi.forms.model.FillContext;
import jp.madoguchi.forms.model.FilledApplication;
import jp.madoguchi.forms.model.FilledApplication.ClerkCheck;
import jp.madoguchi.forms.model.FilledApplication.FilledField;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Format;
import jp.madoguchi.forms.model.Section;

/**
 * A signed application read back from its canonical JSON bytes (see {@link CanonicalJson} and
 * {@code forms/CANONICAL-JSON.md}), for the clerk who must see what the resident signed.
 *
 * <p><b>Never re-filled.</b> The fields, answers, copies, fee, clerk checks, applicant and context are
 * taken as they are in the JSON; nothing is computed again from the card data or the answers. The
 * catalogue only supplies what the JSON does not carry: each field's source ({@link FieldView}) and
 * the paper layout (rows, spans, formats) the renderer needs.
 *
 * <p><b>Rebuilt application.</b> {@link #application()} is a {@link FilledApplication} that
 * {@code PdfRenderer} and {@code PngPreview} draw as the booth printed it. Its form is the catalogue's
 * definition itself when that is the definition signed (same version, the same field ids, sections and
 * labels in the same order). Otherwise it is a copy of the catalogue's definition carrying the signed
 * version and a layout made from the signed fields (the catalogue's rows, spans and formats where a cell
 * id is known, a full-width row for a field it does not know), so every signed value is drawn with its
 * signed label; {@link #differences()} then says what differs. {@code CanonicalJson.of(application())}
 * is checked to give back the signed bytes.
 *
 * <p><b>Refused</b> with {@link UnreadableApplicationException}: bytes that are not canonical JSON
 * (malformed, re-formatted, duplicate member names, numbers beyond ±(2^53−1), fractions), another
 * {@code schema}, a form id the catalogue does not have, a missing or unexpected member, a member of the
 * wrong type, a number out of range. A catalogue that differs from what was signed is not refused: the
 * clerk must still see the signed values.
 *
 * <p>Personal data: {@link #toString()} shows the form and the reference number only, and no message or
 * difference quotes a value. Immutable and thread-safe.
 */
public final class SignedApplication {

    /** Where a field's value came from, by the catalogue's definition of its cell. */
    public enum SourceKind {
        /** {@code card.*}: the My Number card's basic 4 info. */
        CARD,
        /** {@code answer.*}: the resident's answer to a question. */
        ANSWER,
        /** {@code booth.*}: the booth's configuration. */
        BOOTH,
        /** {@code computed.*}: computed when the form was filled (date, fee, reference). */
        COMPUTED,
        /** {@code text:}: a fixed text of the form. */
        TEXT,
        /** The catalogue's definition has no cell with this id. */
        UNKNOWN
    }

    /**
     * One signed field with where its value came from.
     *
     * @param id the cell id ({@code applicant.name})
     * @param section the section title, as signed
     * @param label the printed label, as signed
     * @param value the value, as signed (personal: {@link #toString()} hides it)
     * @param kind the kind of source of the catalogue's cell with this id; {@link SourceKind#UNKNOWN}
     *     when the catalogue's definition has none
     * @param sourceNotation the catalogue cell's source as definition files write it ({@code card.name},
     *     {@code answer.purpose}, {@code text:住民票の写し}); "" when {@code kind} is {@code UNKNOWN}
     * @param clerkCheckPositions 0-based code-point positions in {@code value} of characters the card
     *     substituted (外字), which a clerk must check; empty when none
     */
    public record FieldView(String id, String section, String label, String value, SourceKind kind,
            String sourceNotation, List<Integer> clerkCheckPositions) {
        public FieldView {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            clerkCheckPositions = List.copyOf(clerkCheckPositions);
        }

        /** Whether a clerk must check characters of this field. */
        public boolean needsClerkCheck() {
            return !clerkCheckPositions.isEmpty();
        }

        @Override
        public String toString() {
            return "FieldView[" + id + ", " + kind + (sourceNotation.isEmpty() ? "" : " " + sourceNotation)
                    + (clerkCheckPositions.isEmpty() ? "" : ", clerk check at " + clerkCheckPositions)
                    + ", value redacted]";
        }
    }

    /** As {@link CanonicalJson#canonicalize(byte[])} parses: duplicates and trailing content refused. */
    private static final ObjectMapper STRICT_READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Names and ids a message may quote: ids and member names, never a value. */
    private static final Pattern QUOTABLE = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

    private static final Set<String> ROOT_MEMBERS = Set.of("answers", "applicant", "booth", "clerkChecks", "copies",
            "date", "feeTotal", "fields", "form", "reference", "schema");
    private static final Set<String> FORM_MEMBERS = Set.of("id", "version");
    private static final Set<String> BOOTH_MEMBERS = Set.of("id", "location", "municipality");
    private static final Set<String> APPLICANT_MEMBERS = Set.of("address", "addressSubstituted", "birthDate", "name",
            "nameSubstituted", "sex");
    private static final Set<String> FIELD_MEMBERS = Set.of("id", "label", "section", "value");
    private static final Set<String> CHECK_MEMBERS = Set.of("field", "positions");

    private final byte[] signedBytes;
    private final FilledApplication application;
    private final FormDefinition catalogueForm;
    private final int signedFormVersion;
    private final List<FieldView> fields;
    private final List<String> differences;

    private SignedApplication(byte[] signedBytes, FilledApplication application, FormDefinition catalogueForm,
            int signedFormVersion, List<FieldView> fields, List<String> differences) {
        this.signedBytes = signedBytes;
        this.application = application;
        this.catalogueForm = catalogueForm;
        this.signedFormVersion = signedFormVersion;
        this.fields = List.copyOf(fields);
        this.differences = List.copyOf(differences);
    }

    /**
     * Reads a signed application back.
     *
     * @param canonicalJson the bytes the signature covers, exactly as signed
     * @param catalogue the catalogue to take the form's sources and layout from
     * @throws UnreadableApplicationException when the bytes are not a canonical
     *     {@value CanonicalJson#SCHEMA} application of a form the catalogue has (see the class comment)
     */
    public static SignedApplication read(byte[] canonicalJson, FormCatalogue catalogue)
            throws UnreadableApplicationException {
        Objects.requireNonNull(canonicalJson, "canonicalJson");
        Objects.requireNonNull(catalogue, "catalogue");
        byte[] bytes = canonicalJson.clone();
        JsonNode root;
        try {
            root = STRICT_READER.readTree(bytes);
        } catch (JsonProcessingException e) {
            // The parser's own message may quote the content: keep the kind of problem and where it is.
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            throw unreadable(original.startsWith("Duplicate field")
                    ? "an object has two members of the same name" + where
                    : "the bytes are not one JSON value" + where);
        } catch (IOException e) {
            throw unreadable("the bytes are not one JSON value");
        }
        if (root == null || root.isMissingNode()) {
            throw unreadable("the bytes hold no JSON value");
        }
        byte[] canonical;
        try {
            canonical = CanonicalJson.canonicalize(root);
        } catch (IllegalArgumentException e) {
            // CanonicalJson's messages name the rule broken, never the content.
            throw unreadable("the JSON cannot be canonical: " + e.getMessage());
        }
        if (!Arrays.equals(canonical, bytes)) {
            throw unreadable("the bytes are JSON but not canonical JSON (whitespace, member order or escaping "
                    + "differ from the canonical form); a signature covers the canonical bytes only");
        }
        return new Reading(root, catalogue).read(bytes);
    }

    /** The application as signed, for {@code PdfRenderer} and {@code PngPreview} (see the class comment). */
    public FilledApplication application() {
        return application;
    }

    /** Every signed field in layout order, with its source from the catalogue and its clerk checks. */
    public List<FieldView> fields() {
        return fields;
    }

    /**
     * Every clerk check as signed, including those on {@code card.name} or {@code card.address} when no
     * cell prints the substituted field.
     */
    public List<ClerkCheck> clerkChecks() {
        return application.clerkChecks();
    }

    /** The version of the form definition the application was filled from, as signed. */
    public int signedFormVersion() {
        return signedFormVersion;
    }

    /** The catalogue's definition of the form, whose sources {@link #fields()} shows. */
    public FormDefinition catalogueForm() {
        return catalogueForm;
    }

    /**
     * What differs between the signed application and the catalogue's form (version, fields it does not
     * have or has besides, labels, sections, order, answers to questions it does not ask), in English,
     * naming ids but no values; empty when the application was rebuilt exactly.
     */
    public List<String> differences() {
        return differences;
    }

    /**
     * Whether the catalogue's definition is the one signed and the application rebuilt with it gives back
     * the signed bytes: the sources shown are then those the booth filled from.
     */
    public boolean exactRebuild() {
        return differences.isEmpty();
    }

    /** The signed bytes (a copy). */
    public byte[] signedBytes() {
        return signedBytes.clone();
    }

    @Override
    public String toString() {
        return "SignedApplication[" + catalogueForm.id() + " v" + signedFormVersion + ", "
                + application.context().reference() + ", "
                + (differences.isEmpty() ? "exact" : differences.size() + " difference(s)") + "]";
    }

    // ---------------------------------------------------------------- reading

    private static UnreadableApplicationException unreadable(String problem) {
        return new UnreadableApplicationException("not a signed application: " + problem);
    }

    private static String quoted(String idOrName) {
        return QUOTABLE.matcher(idOrName).matches() ? "'" + idOrName + "'" : "(name withheld)";
    }

    /** One reading: the tree, the catalogue, and the differences found. */
    private static final class Reading {
        private final JsonNode root;
        private final FormCatalogue catalogue;
        private final List<String> differences = new ArrayList<>();

        Reading(JsonNode root, FormCatalogue catalogue) {
            this.root = root;
            this.catalogue = catalogue;
        }

        SignedApplication read(byte[] bytes) throws UnreadableApplicationException {
            if (root == null || !root.isObject()) {
                throw unreadable("the JSON value is not an object");
            }
            String schema = text(root, "schema", "");
            if (!schema.equals(CanonicalJson.SCHEMA)) {
                throw unreadable("the schema is not " + CanonicalJson.SCHEMA
                        + (QUOTABLE.matcher(schema).matches() ? " but " + schema : ""));
            }
            onlyMembers(root, "", ROOT_MEMBERS);

            JsonNode form = object(root, "form", "");
            onlyMembers(form, "form", FORM_MEMBERS);
            String formId = text(form, "id", "form");
            int version = integer(form, "version", "form", 1, Integer.MAX_VALUE);
            FormDefinition definition = catalogue.form(formId).orElseThrow(() -> unreadable(
                    "the catalogue has no form " + quoted(formId)));

            FillContext context = context();
            CardData applicant = root.has("applicant") ? applicant() : null;
            Map<String, String> answers = answers();
            List<FilledField> signedFields = fields();
            int copies = integer(root, "copies", "", 1, Integer.MAX_VALUE);
            int feeTotal = integer(root, "feeTotal", "", 0, Integer.MAX_VALUE);
            List<ClerkCheck> checks = clerkChecks();

            compareVersion(definition, version);
            boolean sameLayout = compareFields(definition, signedFields);
            compareAnswers(definition, answers);
            checkPositions(signedFields, checks, applicant);

            FormDefinition asSigned = definition.version() == version && sameLayout ? definition
                    : asSigned(definition, version, sameLayout ? definition.sections() : layoutOf(definition, signedFields));
            FilledApplication application = new FilledApplication(asSigned, context, answers, signedFields, copies,
                    feeTotal, checks, applicant);
            if (!Arrays.equals(CanonicalJson.of(application), bytes)) {
                differences.add("the application rebuilt from the signed JSON does not give back the signed bytes");
            }
            return new SignedApplication(bytes, application, definition, version, views(definition, signedFields, checks),
                    differences);
        }

        // ---- members

        private FillContext context() throws UnreadableApplicationException {
            String reference = text(root, "reference", "");
            LocalDate date = date(root, "date", "");
            JsonNode booth = object(root, "booth", "");
            onlyMembers(booth, "booth", BOOTH_MEMBERS);
            return new FillContext(date, reference, new Booth(text(booth, "municipality", "booth"),
                    text(booth, "location", "booth"), text(booth, "id", "booth")));
        }

        private CardData applicant() throws UnreadableApplicationException {
            JsonNode applicant = object(root, "applicant", "");
            onlyMembers(applicant, "applicant", APPLICANT_MEMBERS);
            return new CardData(text(applicant, "name", "applicant"), text(applicant, "address", "applicant"),
                    date(applicant, "birthDate", "applicant"), text(applicant, "sex", "applicant"),
                    positions(applicant, "nameSubstituted", "applicant"),
                    positions(applicant, "addressSubstituted", "applicant"));
        }

        private Map<String, String> answers() throws UnreadableApplicationException {
            JsonNode answers = object(root, "answers", "");
            Map<String, String> read = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> entries = answers.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                if (!entry.getValue().isTextual()) {
                    throw unreadable("answers." + safe(entry.getKey()) + " is not a string");
                }
                read.put(entry.getKey(), entry.getValue().textValue());
            }
            return read;
        }

        private List<FilledField> fields() throws UnreadableApplicationException {
            JsonNode fields = array(root, "fields", "");
            List<FilledField> read = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                String path = "fields[" + i + "]";
                JsonNode field = fields.get(i);
                if (!field.isObject()) {
                    throw unreadable(path + " is not an object");
                }
                onlyMembers(field, path, FIELD_MEMBERS);
                read.add(new FilledField(text(field, "id", path), text(field, "section", path), text(field, "label", path),
                        text(field, "value", path)));
            }
            return read;
        }

        private List<ClerkCheck> clerkChecks() throws UnreadableApplicationException {
            JsonNode checks = array(root, "clerkChecks", "");
            List<ClerkCheck> read = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                String path = "clerkChecks[" + i + "]";
                JsonNode check = checks.get(i);
                if (!check.isObject()) {
                    throw unreadable(path + " is not an object");
                }
                onlyMembers(check, path, CHECK_MEMBERS);
                read.add(new ClerkCheck(text(check, "field", path), positions(check, "positions", path)));
            }
            return read;
        }

        // ---- comparing with the catalogue

        private void compareVersion(FormDefinition definition, int signedVersion) {
            if (definition.version() != signedVersion) {
                differences.add("form " + quoted(definition.id()) + " was signed as version " + signedVersion
                        + " but the catalogue has version " + definition.version()
                        + ": the sources shown are the catalogue's and may not be those the booth filled from");
            }
        }

        /** Compares ids, sections, labels and order; true when the signed fields are the catalogue's layout. */
        private boolean compareFields(FormDefinition definition, List<FilledField> signed) {
            int before = differences.size();
            Map<String, String> sectionOf = new LinkedHashMap<>();
            Map<String, Section.Cell> cellOf = new HashMap<>();
            for (Section section : definition.sections()) {
                for (Section.Row row : section.rows()) {
                    for (Section.Cell cell : row.cells()) {
                        sectionOf.putIfAbsent(cell.id(), section.title() == null ? "" : section.title());
                        cellOf.putIfAbsent(cell.id(), cell);
                    }
                }
            }
            Set<String> seen = new HashSet<>();
            List<String> signedKnownOrder = new ArrayList<>();
            for (FilledField field : signed) {
                String id = quoted(field.id());
                if (!seen.add(field.id())) {
                    differences.add("field " + id + " is signed more than once");
                    continue;
                }
                Section.Cell cell = cellOf.get(field.id());
                if (cell == null) {
                    differences.add("field " + id + " is not in the catalogue's form " + quoted(definition.id())
                            + " version " + definition.version() + ": its source is unknown");
                    continue;
                }
                signedKnownOrder.add(field.id());
                if (!sectionOf.get(field.id()).equals(field.section())) {
                    differences.add("field " + id + " is signed in another section than the catalogue's");
                }
                if (!Objects.equals(cell.label() == null ? "" : cell.label(), field.label())) {
                    differences.add("field " + id + " is signed with another label than the catalogue's");
                }
            }
            List<String> catalogueSignedOrder = new ArrayList<>();
            for (String id : sectionOf.keySet()) {
                if (seen.contains(id)) {
                    catalogueSignedOrder.add(id);
                } else {
                    differences.add("the catalogue's form has field " + quoted(id) + ", which the signed application has not");
                }
            }
            if (!catalogueSignedOrder.equals(signedKnownOrder)) {
                differences.add("the fields are signed in another order than the catalogue lays them out");
            }
            return differences.size() == before;
        }

        private void compareAnswers(FormDefinition definition, Map<String, String> answers) {
            answers.keySet().stream().sorted()
                    .filter(questionId -> definition.question(questionId).isEmpty())
                    .forEach(questionId -> differences.add("the answer to " + quoted(questionId)
                            + " answers no question of the catalogue's form"));
        }

        private void checkPositions(List<FilledField> fields, List<ClerkCheck> checks, CardData applicant) {
            Map<String, String> values = new HashMap<>();
            fields.forEach(field -> values.putIfAbsent(field.id(), field.value()));
            if (applicant != null) {
                values.putIfAbsent(notation(FieldSource.CardField.NAME), applicant.name());
                values.putIfAbsent(notation(FieldSource.CardField.ADDRESS), applicant.address());
                if (beyond(applicant.name(), applicant.nameSubstituted())) {
                    differences.add("applicant.nameSubstituted points beyond the applicant's name");
                }
                if (beyond(applicant.address(), applicant.addressSubstituted())) {
                    differences.add("applicant.addressSubstituted points beyond the applicant's address");
                }
            }
            for (ClerkCheck check : checks) {
                String value = values.get(check.fieldId());
                if (value == null) {
                    differences.add("a clerk check names field " + quoted(check.fieldId())
                            + ", which the application does not have");
                } else if (beyond(value, check.positions())) {
                    differences.add("the clerk check on " + quoted(check.fieldId()) + " points beyond the field's value");
                }
            }
        }

        private static boolean beyond(String value, List<Integer> positions) {
            int length = value.codePointCount(0, value.length());
            return positions.stream().anyMatch(position -> position >= length);
        }

        private static String notation(FieldSource.CardField field) {
            return new FieldSource.Card(field).notation();
        }

        // ---- the rebuilt definition and the views

        private static FormDefinition asSigned(FormDefinition definition, int signedVersion, List<Section> sections) {
            return new FormDefinition(definition.id(), signedVersion, definition.title(), definition.paperTitle(),
                    definition.department(), definition.routing(), definition.feePerCopy(), definition.identityCheck(),
                    definition.individualNumber(), definition.questions(), sections,
                    definition.origin() + " (version " + definition.version() + ", read back as signed: version "
                            + signedVersion + ")");
        }

        /**
         * A layout of the signed fields: consecutive fields of one section title form a section, consecutive
         * fields of one catalogue row a row with the catalogue's spans and formats, and a field the catalogue
         * does not have a full-width row of its own. Labels are the signed ones, as the renderer prints them.
         */
        private static List<Section> layoutOf(FormDefinition definition, List<FilledField> signed) {
            Map<String, Section.Row> rowOf = new HashMap<>();
            Map<String, Section.Cell> cellOf = new HashMap<>();
            for (Section section : definition.sections()) {
                for (Section.Row row : section.rows()) {
                    for (Section.Cell cell : row.cells()) {
                        rowOf.putIfAbsent(cell.id(), row);
                        cellOf.putIfAbsent(cell.id(), cell);
                    }
                }
            }
            List<Section> sections = new ArrayList<>();
            List<Section.Row> rows = new ArrayList<>();
            List<Section.Cell> cells = new ArrayList<>();
            String sectionTitle = null;
            Section.Row catalogueRow = null;
            for (FilledField field : signed) {
                if (!field.section().equals(sectionTitle)) {
                    flushRow(cells, rows);
                    flushSection(sectionTitle, rows, sections);
                    sectionTitle = field.section();
                }
                Section.Row row = rowOf.get(field.id());
                if (row == null || row != catalogueRow) {
                    flushRow(cells, rows);
                }
                catalogueRow = row;
                Section.Cell cell = cellOf.get(field.id());
                cells.add(cell == null
                        ? new Section.Cell(field.id(), field.label(), new FieldSource.Text(""), Format.PLAIN, 12)
                        : new Section.Cell(field.id(), field.label(), cell.source(), cell.format(), cell.span()));
            }
            flushRow(cells, rows);
            flushSection(sectionTitle, rows, sections);
            return sections;
        }

        private static void flushRow(List<Section.Cell> cells, List<Section.Row> rows) {
            if (!cells.isEmpty()) {
                rows.add(new Section.Row(cells));
                cells.clear();
            }
        }

        private static void flushSection(String title, List<Section.Row> rows, List<Section> sections) {
            if (title != null && !rows.isEmpty()) {
                sections.add(new Section(title, rows));
                rows.clear();
            }
        }

        private static List<FieldView> views(FormDefinition definition, List<FilledField> signed, List<ClerkCheck> checks) {
            Map<String, FieldSource> sourceOf = new HashMap<>();
            for (Section section : definition.sections()) {
                for (Section.Row row : section.rows()) {
                    for (Section.Cell cell : row.cells()) {
                        sourceOf.putIfAbsent(cell.id(), cell.source());
                    }
                }
            }
            List<FieldView> views = new ArrayList<>();
            for (FilledField field : signed) {
                List<Integer> positions = new ArrayList<>();
                checks.stream().filter(check -> check.fieldId().equals(field.id()))
                        .forEach(check -> positions.addAll(check.positions()));
                FieldSource source = sourceOf.get(field.id());
                views.add(new FieldView(field.id(), field.section(), field.label(), field.value(), kindOf(source),
                        source == null ? "" : source.notation(), positions));
            }
            return views;
        }

        private static SourceKind kindOf(FieldSource source) {
            if (source instanceof FieldSource.Card) {
                return SourceKind.CARD;
            } else if (source instanceof FieldSource.Answer) {
                return SourceKind.ANSWER;
            } else if (source instanceof FieldSource.Booth) {
                return SourceKind.BOOTH;
            } else if (source instanceof FieldSource.Computed) {
                return SourceKind.COMPUTED;
            } else if (source instanceof FieldSource.Text) {
                return SourceKind.TEXT;
            }
            return SourceKind.UNKNOWN;
        }

        // ---- typed access; messages name the member, never its value

        private static String at(String path, String member) {
            return path.isEmpty() ? member : path + "." + member;
        }

        private static String safe(String name) {
            return QUOTABLE.matcher(name).matches() ? name : "(name withheld)";
        }

        private static JsonNode member(JsonNode parent, String member, String path) throws UnreadableApplicationException {
            JsonNode node = parent.get(member);
            if (node == null) {
                throw unreadable(at(path, member) + " is missing");
            }
            return node;
        }

        private static JsonNode object(JsonNode parent, String member, String path) throws UnreadableApplicationException {
            JsonNode node = member(parent, member, path);
            if (!node.isObject()) {
                throw unreadable(at(path, member) + " is not an object");
            }
            return node;
        }

        private static JsonNode array(JsonNode parent, String member, String path) throws UnreadableApplicationException {
            JsonNode node = member(parent, member, path);
            if (!node.isArray()) {
                throw unreadable(at(path, member) + " is not an array");
            }
            return node;
        }

        private static String text(JsonNode parent, String member, String path) throws UnreadableApplicationException {
            JsonNode node = member(parent, member, path);
            if (!node.isTextual()) {
                throw unreadable(at(path, member) + " is not a string");
            }
            return node.textValue();
        }

        private static int integer(JsonNode parent, String member, String path, int min, int max)
                throws UnreadableApplicationException {
            JsonNode node = member(parent, member, path);
            if (!node.isIntegralNumber()) {
                throw unreadable(at(path, member) + " is not a whole number");
            }
            if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
                throw unreadable(at(path, member) + " is out of range (" + min + " to " + max + ")");
            }
            return node.intValue();
        }

        private static LocalDate date(JsonNode parent, String member, String path) throws UnreadableApplicationException {
            String text = text(parent, member, path);
            try {
                LocalDate date = LocalDate.parse(text);
                if (!date.toString().equals(text)) {
                    throw unreadable(at(path, member) + " is not written as an ISO date (yyyy-mm-dd)");
                }
                return date;
            } catch (DateTimeParseException e) {
                throw unreadable(at(path, member) + " is not an ISO date (yyyy-mm-dd)");
            }
        }

        private static List<Integer> positions(JsonNode parent, String member, String path)
                throws UnreadableApplicationException {
            JsonNode array = array(parent, member, path);
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode position = array.get(i);
                String where = at(path, member) + "[" + i + "]";
                if (!position.isIntegralNumber()) {
                    throw unreadable(where + " is not a whole number");
                }
                if (!position.canConvertToInt() || position.intValue() < 0) {
                    throw unreadable(where + " is not a code-point position (0 to " + Integer.MAX_VALUE + ")");
                }
                positions.add(position.intValue());
            }
            return positions;
        }

        private static void onlyMembers(JsonNode object, String path, Set<String> allowed)
                throws UnreadableApplicationException {
            Iterator<String> names = object.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw unreadable((path.isEmpty() ? "the application" : path) + " has an unexpected member "
                            + quoted(name));
                }
            }
        }
    }
}
