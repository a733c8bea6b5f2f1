package jp.madoguchi.forms.catalogue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jp.madoguchi.forms.catalogue.LocatedYaml.Entry;
import jp.madoguchi.forms.catalogue.LocatedYaml.ListNode;
import jp.madoguchi.forms.catalogue.LocatedYaml.Location;
import jp.madoguchi.forms.catalogue.LocatedYaml.MapNode;
import jp.madoguchi.forms.catalogue.LocatedYaml.Node;
import jp.madoguchi.forms.catalogue.LocatedYaml.ProblemSink;
import jp.madoguchi.forms.catalogue.LocatedYaml.ScalarKind;
import jp.madoguchi.forms.catalogue.LocatedYaml.ScalarNode;
import jp.madoguchi.forms.model.FieldSource;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.FormDefinition.IdentityCheck;
import jp.madoguchi.forms.model.FormDefinition.IndividualNumberPolicy;
import jp.madoguchi.forms.model.Format;
import jp.madoguchi.forms.model.Language;
import jp.madoguchi.forms.model.LocalizedText;
import jp.madoguchi.forms.model.Question;
import jp.madoguchi.forms.model.Section;

/**
 * Checks one definition's located tree against the schema in FORMS.md and builds the model from
 * it. It reports every problem it can find rather than stopping at the first, and builds a
 * definition only when there were none. One instance reads one file; not thread-safe.
 */
final class DefinitionReader {

    static final Set<String> FORM_KEYS = keys("id", "version", "title", "paperTitle", "department", "routing",
            "feePerCopy", "identityCheck", "individualNumber", "questions", "sections");
    static final Set<String> QUESTION_KEYS = keys("id", "type", "prompt", "choices", "default", "when", "min", "max");
    static final Set<String> CHOICE_KEYS = keys("value", "label", "paperText");
    static final Set<String> CONDITION_KEYS = keys("question", "anyOf");
    static final Set<String> SECTION_KEYS = keys("title", "rows");
    static final Set<String> ROW_KEYS = keys("cells");
    static final Set<String> CELL_KEYS = keys("id", "label", "source", "format", "span");

    /** The id of the question whose answer multiplies the fee; the booth shows it as a number pad of 1..10. */
    static final String COPIES_QUESTION = "copies";
    static final int MOST_COPIES = 10;
    static final int ROW_WIDTH = 12;

    private static final Pattern FORM_ID = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern QUESTION_ID = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern CHOICE_VALUE = Pattern.compile("[a-z0-9][A-Za-z0-9-]*");
    private static final Pattern CELL_ID = Pattern.compile("[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*");
    private static final Pattern KANA = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}ー・　 ]+");
    private static final Pattern POSTAL_CODE = Pattern.compile("[0-9]{3}-[0-9]{4}");

    /** How the individual number shows on a form; a form that may not ask for it must not print it either. */
    private static final List<String> INDIVIDUAL_NUMBER_MARKS = List.of("individualNumber", "個人番号");

    private final ProblemSink sink;
    private int problemCount;
    private IndividualNumberPolicy individualNumberPolicy;
    private final Set<String> declaredQuestionIds = new LinkedHashSet<>();

    DefinitionReader(ProblemSink sink) {
        this.sink = sink;
    }

    /**
     * Reads a definition.
     *
     * @param root the document's root node
     * @param fileStem the file name without {@code .yaml}, which must equal the id
     * @param origin recorded in the definition for later messages
     * @return the definition, or empty when any problem was reported
     */
    Optional<FormDefinition> read(Node root, String fileStem, String origin) {
        MapNode form = asMap(root, "the definition");
        if (form == null) {
            return Optional.empty();
        }
        String id = identifier(form, "id", "the form", FORM_ID, "lower-case letters, digits and '-', e.g. 'juminhyo'");
        if (id != null && !id.equals(fileStem)) {
            report(form.entries().get("id").value().at(), "file name " + fileStem + ".yaml does not match id '" + id
                    + "'; rename the file to " + id + ".yaml or change the id");
        }
        String owner = id == null ? "the form" : "form '" + id + "'";
        checkKeys(form, FORM_KEYS, owner);
        Integer version = wholeNumber(form, "version", owner, 1, Integer.MAX_VALUE, true);
        LocalizedText title = localized(form, "title", owner, "title");
        String paperTitle = text(form, "paperTitle", owner, true, false);
        LocalizedText department = localized(form, "department", owner, "department");
        String routing = identifier(form, "routing", owner, FORM_ID, "lower-case letters, digits and '-', e.g. 'citizens'");
        Integer feePerCopy = wholeNumber(form, "feePerCopy", owner, 0, 1_000_000, true);
        IdentityCheck identityCheck = enumValue(form, "identityCheck", owner, IdentityCheck.class);
        IndividualNumberPolicy individualNumber = enumValue(form, "individualNumber", owner, IndividualNumberPolicy.class);
        individualNumberPolicy = individualNumber;
        List<Question> questions = questions(form);
        List<Section> sections = sections(form, owner, questions);

        if (problemCount > 0) {
            return Optional.empty();
        }
        return Optional.of(new FormDefinition(id, version, title, paperTitle, department, routing, feePerCopy,
                identityCheck, individualNumber, questions, sections, origin));
    }

    // ---- questions ----

    private List<Question> questions(MapNode form) {
        Entry entry = form.entries().get("questions");
        if (entry == null) {
            // A procedure may need no questions at all (everything comes from the card).
            return List.of();
        }
        ListNode list = asList(entry.value(), "'questions'");
        if (list == null) {
            return List.of();
        }
        List<Question> questions = new ArrayList<>();
        Map<String, Location> seen = new HashMap<>();
        Map<String, Question> byId = new HashMap<>();
        // Every id as written, by position, even of questions that turn out broken: a condition or
        // cell naming a broken question must not add a second, misleading problem.
        List<String> idsInOrder = new ArrayList<>();
        for (Node item : list.items()) {
            MapNode map = asMap(item, "a question");
            Entry idEntry = map == null ? null : map.entries().get("id");
            idsInOrder.add(idEntry != null && idEntry.value() instanceof ScalarNode idScalar ? idScalar.text() : null);
        }
        idsInOrder.stream().filter(Objects::nonNull).forEach(declaredQuestionIds::add);
        int position = 0;
        for (Node item : list.items()) {
            position++;
            MapNode map = item instanceof MapNode m ? m : null;
            if (map == null) {
                continue; // reported above
            }
            Question question = question(map, position, byId, idsInOrder, seen);
            if (question != null) {
                questions.add(question);
                byId.put(question.id(), question);
            }
        }
        return questions;
    }

    private Question question(MapNode map, int position, Map<String, Question> earlier, List<String> idsInOrder,
            Map<String, Location> seen) {
        String id = identifier(map, "id", "question " + position, QUESTION_ID,
                "a letter then letters or digits, e.g. 'copies' or 'whoseRecord'");
        String owner = id == null ? "question " + position : "question '" + id + "'";
        checkKeys(map, QUESTION_KEYS, owner);
        if (id != null) {
            Location first = seen.putIfAbsent(id, map.entries().get("id").value().at());
            if (first != null) {
                report(map.entries().get("id").value().at(), "duplicate question id '" + id + "' (first on line " + first.line() + ")");
            }
        }
        LocalizedText prompt = localized(map, "prompt", owner, "prompt");
        Question.Type type = enumValue(map, "type", owner, Question.Type.class);
        List<Question.Choice> choices = choices(map, type, owner);

        Integer min = null;
        Integer max = null;
        if (type == Question.Type.NUMBER) {
            min = wholeNumber(map, "min", owner, Integer.MIN_VALUE, Integer.MAX_VALUE, true);
            max = wholeNumber(map, "max", owner, Integer.MIN_VALUE, Integer.MAX_VALUE, true);
            if (min != null && max != null && min > max) {
                report(map.entries().get("min").value().at(), owner + ": min " + min + " is larger than max " + max);
            }
        } else {
            for (String key : List.of("min", "max")) {
                Entry entry = map.entries().get(key);
                if (entry != null && type != null) {
                    report(entry.keyAt(), "'" + key + "' is only for questions of type number; " + owner + " is of type "
                            + yamlName(type));
                }
            }
        }
        if (COPIES_QUESTION.equals(id) && type != null) {
            checkCopies(map, type, min, max);
        }

        String defaultValue = defaultValue(map, type, choices, min, max, owner);
        Question.Condition when = condition(map, owner, id, position - 1, earlier, idsInOrder);

        if (id == null || prompt == null || type == null) {
            return null;
        }
        return new Question(id, prompt, type, choices, defaultValue, when, min, max);
    }

    /** The fee is feePerCopy × copies and the booth's number pad stops at 10: hold every form to that. */
    private void checkCopies(MapNode map, Question.Type type, Integer min, Integer max) {
        if (type != Question.Type.NUMBER) {
            report(map.entries().get("type").value().at(), "question 'copies' must be of type number (it multiplies the fee)");
            return;
        }
        if (min != null && min < 1) {
            report(map.entries().get("min").value().at(), "question 'copies': min " + min + " is below 1; copies are 1.."
                    + MOST_COPIES);
        }
        if (max != null && max > MOST_COPIES) {
            report(map.entries().get("max").value().at(), "question 'copies': max " + max + " is above " + MOST_COPIES
                    + "; copies are 1.." + MOST_COPIES + " (more are asked for at the counter)");
        }
    }

    private List<Question.Choice> choices(MapNode map, Question.Type type, String owner) {
        Entry entry = map.entries().get("choices");
        if (type != Question.Type.CHOICE) {
            if (entry != null && type != null) {
                report(entry.keyAt(), "'choices' are only for questions of type choice; " + owner + " is of type " + yamlName(type));
            }
            return List.of();
        }
        if (entry == null) {
            report(map.at(), owner + " is of type choice but has no 'choices'");
            return List.of();
        }
        ListNode list = asList(entry.value(), "'choices' of " + owner);
        if (list == null) {
            return List.of();
        }
        if (list.items().size() < 2) {
            report(list.at(), owner + " has " + list.items().size() + " choice(s); a choice question needs at least 2");
        }
        List<Question.Choice> choices = new ArrayList<>();
        Map<String, Location> seen = new HashMap<>();
        for (Node item : list.items()) {
            MapNode choiceMap = asMap(item, "a choice of " + owner);
            if (choiceMap == null) {
                continue;
            }
            String value = identifier(choiceMap, "value", "a choice of " + owner, CHOICE_VALUE,
                    "lower-case letter or digit, then letters, digits or '-', e.g. 'self' or 'work'");
            String choiceOwner = value == null ? "a choice of " + owner : "choice '" + value + "' of " + owner;
            checkKeys(choiceMap, CHOICE_KEYS, choiceOwner);
            if (value != null) {
                Location valueAt = choiceMap.entries().get("value").value().at();
                Location first = seen.putIfAbsent(value, valueAt);
                if (first != null) {
                    report(valueAt, "choice value '" + value + "' repeated in " + owner + " (first on line " + first.line() + ")");
                }
            }
            LocalizedText label = localized(choiceMap, "label", choiceOwner, "label");
            String paperText = text(choiceMap, "paperText", choiceOwner, true, false);
            if (paperText != null) {
                checkNoIndividualNumber(choiceMap.entries().get("paperText").value().at(), choiceOwner, paperText);
            }
            if (value != null && label != null && paperText != null) {
                choices.add(new Question.Choice(value, label, paperText));
            }
        }
        return choices;
    }

    private String defaultValue(MapNode map, Question.Type type, List<Question.Choice> choices, Integer min, Integer max,
            String owner) {
        Entry entry = map.entries().get("default");
        if (entry == null || type == null) {
            return null;
        }
        if (!(entry.value() instanceof ScalarNode scalar) || scalar.kind() == ScalarKind.NULL) {
            report(entry.value().at(), "'default' of " + owner + " must be a single value, not " + entry.value().describe());
            return null;
        }
        String value = scalar.text();
        switch (type) {
            case CHOICE -> {
                if (choices.stream().noneMatch(c -> c.value().equals(value))) {
                    report(scalar.at(), "default '" + value + "' of " + owner + " is not one of its choices: "
                            + choiceValues(choices));
                }
            }
            case NUMBER -> {
                Long number = scalar.kind() == ScalarKind.WHOLE_NUMBER ? decimal(value) : null;
                if (number == null) {
                    report(scalar.at(), "default of " + owner + " must be a whole number, not " + scalar.describe());
                } else if (min != null && max != null) {
                    if (number < min || number > max) {
                        report(scalar.at(), "default '" + value + "' of " + owner + " is outside " + min + ".." + max);
                    }
                }
            }
            case KANA -> {
                if (!KANA.matcher(value).matches()) {
                    report(scalar.at(), "default '" + value + "' of " + owner + " is not kana only");
                }
            }
            case POSTAL_CODE -> {
                if (!POSTAL_CODE.matcher(value).matches()) {
                    report(scalar.at(), "default '" + value + "' of " + owner + " is not a postal code written NNN-NNNN");
                }
            }
        }
        return value;
    }

    private Question.Condition condition(MapNode map, String owner, String ownId, int ownIndex,
            Map<String, Question> earlier, List<String> idsInOrder) {
        Entry entry = map.entries().get("when");
        if (entry == null) {
            return null;
        }
        MapNode when = asMap(entry.value(), "'when' of " + owner);
        if (when == null) {
            return null;
        }
        checkKeys(when, CONDITION_KEYS, "the condition of " + owner);
        String target = text(when, "question", "the condition of " + owner, true, false);
        List<String> anyOf = textList(when, "anyOf", "the condition of " + owner);
        if (target == null || anyOf == null) {
            return null;
        }
        Location targetAt = when.entries().get("question").value().at();
        Question asked = earlier.get(target);
        if (target.equals(ownId)) {
            report(targetAt, "condition of " + owner + " refers to the question itself");
            return null;
        } else if (asked == null) {
            int targetIndex = idsInOrder.indexOf(target);
            Set<String> allIds = new LinkedHashSet<>(idsInOrder);
            allIds.remove(null);
            if (targetIndex >= 0 && targetIndex < ownIndex) {
                return null; // an earlier question that is itself broken: its own problem says why
            } else if (targetIndex > ownIndex) {
                report(targetAt, "condition of " + owner + " refers to question '" + target
                        + "' which is asked later; a condition can only use an earlier answer");
            } else {
                report(targetAt, "condition of " + owner + " refers to question '" + target
                        + "', which does not exist" + Suggestions.didYouMean(target, allIds) + "; questions are: "
                        + String.join(", ", allIds));
            }
            return null;
        }
        if (asked.type() != Question.Type.CHOICE) {
            report(targetAt, "condition of " + owner + " refers to question '" + target + "', which is of type "
                    + yamlName(asked.type()) + "; a condition can only use a choice question");
            return null;
        }
        ListNode anyOfNode = (ListNode) when.entries().get("anyOf").value();
        for (int i = 0; i < anyOf.size(); i++) {
            String value = anyOf.get(i);
            if (asked.choice(value).isEmpty()) {
                report(anyOfNode.items().get(i).at(), "condition of " + owner + ": '" + value
                        + "' is not a choice of question '" + target + "'"
                        + Suggestions.didYouMean(value, asked.choices().stream().map(Question.Choice::value).toList())
                        + "; its choices are: " + choiceValues(asked.choices()));
            }
        }
        return new Question.Condition(target, anyOf);
    }

    // ---- sections, rows, cells ----

    private List<Section> sections(MapNode form, String formOwner, List<Question> questions) {
        Entry entry = form.entries().get("sections");
        if (entry == null) {
            report(form.at(), "missing required key 'sections' in " + formOwner + " (the boxes of the paper form)");
            return List.of();
        }
        ListNode list = asList(entry.value(), "'sections'");
        if (list == null) {
            return List.of();
        }
        if (list.items().isEmpty()) {
            report(list.at(), "'sections' is empty; a form needs at least one section");
        }
        Map<String, Question> questionsById = new HashMap<>();
        questions.forEach(q -> questionsById.put(q.id(), q));
        Map<String, Location> cellIds = new HashMap<>();
        List<Section> sections = new ArrayList<>();
        int position = 0;
        for (Node item : list.items()) {
            position++;
            MapNode map = asMap(item, "a section");
            if (map == null) {
                continue;
            }
            String title = map.entries().containsKey("title") ? text(map, "title", "section " + position, false, true) : "";
            String owner = title == null || title.isEmpty() ? "section " + position : "section '" + title + "'";
            checkKeys(map, SECTION_KEYS, owner);
            List<Section.Row> rows = rows(map, owner, questionsById, cellIds);
            if (title != null) {
                sections.add(new Section(title, rows));
            }
        }
        return sections;
    }

    private List<Section.Row> rows(MapNode section, String owner, Map<String, Question> questions,
            Map<String, Location> cellIds) {
        Entry entry = section.entries().get("rows");
        if (entry == null) {
            report(section.at(), "missing required key 'rows' in " + owner);
            return List.of();
        }
        ListNode list = asList(entry.value(), "'rows' of " + owner);
        if (list == null) {
            return List.of();
        }
        if (list.items().isEmpty()) {
            report(list.at(), "'rows' of " + owner + " is empty");
        }
        List<Section.Row> rows = new ArrayList<>();
        for (Node item : list.items()) {
            MapNode map = asMap(item, "a row of " + owner);
            if (map == null) {
                continue;
            }
            checkKeys(map, ROW_KEYS, "a row of " + owner);
            Entry cellsEntry = map.entries().get("cells");
            if (cellsEntry == null) {
                report(map.at(), "missing required key 'cells' in a row of " + owner);
                continue;
            }
            ListNode cellList = asList(cellsEntry.value(), "'cells' of a row of " + owner);
            if (cellList == null) {
                continue;
            }
            if (cellList.items().isEmpty()) {
                report(cellList.at(), "a row of " + owner + " has no cells");
            }
            List<Section.Cell> cells = new ArrayList<>();
            int width = 0;
            for (Node cellNode : cellList.items()) {
                MapNode cellMap = asMap(cellNode, "a cell");
                if (cellMap == null) {
                    continue;
                }
                Section.Cell cell = cell(cellMap, questions, cellIds);
                if (cell != null) {
                    cells.add(cell);
                    width += cell.span();
                }
            }
            if (width > ROW_WIDTH) {
                report(cellList.at(), "the cells of this row span " + width + " in total; a row is " + ROW_WIDTH
                        + " wide (give each cell a 'span' so they add up to at most " + ROW_WIDTH + ")");
            }
            rows.add(new Section.Row(cells));
        }
        return rows;
    }

    private Section.Cell cell(MapNode map, Map<String, Question> questions, Map<String, Location> cellIds) {
        String id = identifier(map, "id", "a cell", CELL_ID, "dotted lower-camel words, e.g. 'applicant.name'");
        String owner = id == null ? "a cell" : "cell '" + id + "'";
        checkKeys(map, CELL_KEYS, owner);
        if (id != null) {
            Location idAt = map.entries().get("id").value().at();
            Location first = cellIds.putIfAbsent(id, idAt);
            if (first != null) {
                report(idAt, "duplicate cell id '" + id + "' (first on line " + first.line() + ")");
            }
        }
        String label = map.entries().containsKey("label") ? text(map, "label", owner, false, true) : "";
        FieldSource source = source(map, owner, questions);
        if (id != null && label != null) {
            String printed = id + " " + label + (source instanceof FieldSource.Text fixed ? " " + fixed.text() : "");
            checkNoIndividualNumber(map.at(), owner, printed);
        }
        Format format = map.entries().containsKey("format") ? enumValue(map, "format", owner, Format.class)
                : source == null ? null : defaultFormat(source);
        if (source != null && format != null && map.entries().containsKey("format")) {
            checkFormatFits(map.entries().get("format").value().at(), owner, source, format, questions);
        }
        Integer span = map.entries().containsKey("span") ? wholeNumber(map, "span", owner, 1, ROW_WIDTH, false)
                : Integer.valueOf(ROW_WIDTH);
        if (id == null || label == null || source == null || format == null || span == null) {
            return null;
        }
        return new Section.Cell(id, label, source, format, span);
    }

    private FieldSource source(MapNode map, String owner, Map<String, Question> questions) {
        String notation = text(map, "source", owner, true, false);
        if (notation == null) {
            return null;
        }
        Location at = map.entries().get("source").value().at();
        FieldSource source;
        try {
            source = FieldSources.parse(notation);
        } catch (IllegalArgumentException e) {
            report(at, e.getMessage());
            return null;
        }
        if (source instanceof FieldSource.Answer answer && !declaredQuestionIds.contains(answer.questionId())) {
            String known = declaredQuestionIds.isEmpty() ? "the form has no questions"
                    : "questions are: " + String.join(", ", declaredQuestionIds.stream().sorted().toList());
            report(at, "source '" + notation.strip() + "' names no question" + Suggestions.didYouMean(answer.questionId(),
                    declaredQuestionIds) + "; " + known);
            return null;
        }
        return source;
    }

    /**
     * 番号法 limits who may ask for the individual number: a form marked {@code forbidden} must
     * not carry a cell or choice about it, or the booth would print a box the law says to leave out.
     */
    private void checkNoIndividualNumber(Location at, String owner, String printed) {
        if (individualNumberPolicy != IndividualNumberPolicy.FORBIDDEN) {
            return;
        }
        for (String mark : INDIVIDUAL_NUMBER_MARKS) {
            if (printed.contains(mark)) {
                report(at, owner + " is about the individual number (it mentions '" + mark
                        + "'), but the form says individualNumber: forbidden");
                return;
            }
        }
    }

    /** What a cell is written as when its definition says nothing: the obvious format for its source. */
    static Format defaultFormat(FieldSource source) {
        if (FieldSources.isDate(source)) {
            return Format.WAREKI;
        }
        if (source instanceof FieldSource.Card card && card.field() == FieldSource.CardField.SEX) {
            return Format.SEX;
        }
        if (source instanceof FieldSource.Computed computed && computed.field() == FieldSource.ComputedField.FEE_TOTAL) {
            return Format.YEN;
        }
        return source instanceof FieldSource.Answer ? Format.ANSWER : Format.PLAIN;
    }

    /** Formats that cannot apply to a source would print nonsense (a name "in 和暦"); reject them at load time. */
    private void checkFormatFits(Location at, String owner, FieldSource source, Format format, Map<String, Question> questions) {
        String problem = null;
        boolean date = FieldSources.isDate(source);
        if ((format == Format.WAREKI || format == Format.GREGORIAN) && !date) {
            problem = "format " + yamlName(format) + " needs a date source (card.birthDate or computed.today)";
        } else if (date && format != Format.WAREKI && format != Format.GREGORIAN) {
            problem = "source " + source.notation() + " is a date; write format wareki or gregorian";
        } else if (format == Format.SEX && !(source instanceof FieldSource.Card c && c.field() == FieldSource.CardField.SEX)) {
            problem = "format sex is only for source card.sex";
        } else if (format == Format.ANSWER && !(source instanceof FieldSource.Answer)) {
            problem = "format answer is only for answer.<question id> sources";
        } else if (format == Format.YEN && !(source instanceof FieldSource.Computed c && c.field() == FieldSource.ComputedField.FEE_TOTAL)
                && !(source instanceof FieldSource.Answer a && questions.containsKey(a.questionId())
                        && questions.get(a.questionId()).type() == Question.Type.NUMBER)) {
            problem = "format yen is only for computed.feeTotal or the answer to a number question";
        }
        if (problem != null) {
            report(at, owner + ": " + problem);
        }
    }

    // ---- typed access to the tree, each reporting what is wrong ----

    private MapNode asMap(Node node, String what) {
        if (node instanceof MapNode map) {
            return map;
        }
        report(node.at(), what + " must be a mapping (key: value lines), not " + node.describe());
        return null;
    }

    private ListNode asList(Node node, String what) {
        if (node instanceof ListNode list) {
            return list;
        }
        report(node.at(), what + " must be a list (lines starting with '- '), not " + node.describe());
        return null;
    }

    private void checkKeys(MapNode map, Set<String> allowed, String owner) {
        for (Entry entry : map.entries().values()) {
            if (!allowed.contains(entry.key())) {
                String hint = Suggestions.closest(entry.key(), allowed).map(s -> " (did you mean '" + s + "'?)")
                        .orElse(" (keys of " + owner + " are: " + String.join(", ", allowed) + ")");
                report(entry.keyAt(), "unknown key '" + entry.key() + "' in " + owner + hint);
            }
        }
    }

    private Node required(MapNode map, String key, String owner) {
        Entry entry = map.entries().get(key);
        if (entry == null) {
            report(map.at(), "missing required key '" + key + "' in " + owner);
            return null;
        }
        return entry.value();
    }

    /**
     * A text value. Numbers and booleans are accepted as their text: {@code paperText: 2}
     * means "2", and the reader would gain nothing by refusing it.
     */
    private String text(MapNode map, String key, String owner, boolean required, boolean mayBeEmpty) {
        Node node = required ? required(map, key, owner) : map.entries().get(key).value();
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar) || scalar.kind() == ScalarKind.NULL) {
            report(node.at(), "'" + key + "' of " + owner + " must be text, not " + node.describe());
            return null;
        }
        if (!mayBeEmpty && scalar.text().isBlank()) {
            report(node.at(), "'" + key + "' of " + owner + " is empty");
            return null;
        }
        return scalar.text();
    }

    private String identifier(MapNode map, String key, String owner, Pattern pattern, String rule) {
        String value = text(map, key, owner, true, false);
        if (value != null && !pattern.matcher(value).matches()) {
            report(map.entries().get(key).value().at(), "'" + key + "' of " + owner + " is '" + value + "'; it must be " + rule);
            return null;
        }
        return value;
    }

    private Integer wholeNumber(MapNode map, String key, String owner, int min, int max, boolean required) {
        Node node = required ? required(map, key, owner) : map.entries().get(key).value();
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar) || scalar.kind() != ScalarKind.WHOLE_NUMBER) {
            String hint = node instanceof ScalarNode s && s.kind() == ScalarKind.TEXT && s.text().strip().matches("-?[0-9]+")
                    ? " (write it without quotes)" : "";
            report(node.at(), "'" + key + "' of " + owner + " must be a whole number, not " + node.describe() + hint);
            return null;
        }
        Long value = decimal(scalar.text());
        if (value == null) {
            report(node.at(), "'" + key + "' of " + owner + " must be a whole number written in decimal digits, not " + scalar.text());
            return null;
        }
        if (value < min || value > max) {
            String range = max == Integer.MAX_VALUE ? "at least " + min : min + ".." + max;
            report(node.at(), key + " " + value + " is outside " + range + " (" + owner + ")");
            return null;
        }
        return value.intValue();
    }

    /** A YAML integer in plain decimal (YAML also allows 0x1F, 0o17 and 1_000, which IT staff should not need). */
    private static Long decimal(String text) {
        String digits = text.strip();
        if (!digits.matches("[-+]?[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(digits);
    }

    private List<String> textList(MapNode map, String key, String owner) {
        Node node = required(map, key, owner);
        if (node == null) {
            return null;
        }
        ListNode list = asList(node, "'" + key + "' of " + owner);
        if (list == null) {
            return null;
        }
        if (list.items().isEmpty()) {
            report(list.at(), "'" + key + "' of " + owner + " is empty; give at least one value");
            return null;
        }
        List<String> values = new ArrayList<>();
        for (Node item : list.items()) {
            if (!(item instanceof ScalarNode scalar) || scalar.kind() == ScalarKind.NULL) {
                report(item.at(), "each value of '" + key + "' must be a single value, not " + item.describe());
                return null;
            }
            values.add(scalar.text());
        }
        return values;
    }

    /**
     * A text in every booth language. Each missing or blank language is its own problem, worded
     * the way IT staff will look for it: "question 'whose' has no 'vi' prompt".
     */
    private LocalizedText localized(MapNode map, String key, String owner, String role) {
        Node node = required(map, key, owner);
        if (node == null) {
            return null;
        }
        if (!(node instanceof MapNode texts)) {
            report(node.at(), "'" + key + "' of " + owner + " must give a text for each language (" + languageCodes()
                    + "), one per line, not " + node.describe());
            return null;
        }
        Map<Language, String> byLanguage = new EnumMap<>(Language.class);
        boolean complete = true;
        for (Entry entry : texts.entries().values()) {
            Optional<Language> language = Language.fromCode(entry.key());
            if (language.isEmpty() || !language.get().code().equals(entry.key())) {
                report(entry.keyAt(), "unknown language '" + entry.key() + "' in the " + role + " of " + owner
                        + Suggestions.didYouMean(entry.key(), Arrays.stream(Language.values()).map(Language::code).toList())
                        + "; languages are: " + languageCodes());
                complete = false;
                continue;
            }
            if (!(entry.value() instanceof ScalarNode scalar) || scalar.kind() == ScalarKind.NULL || scalar.text().isBlank()) {
                report(entry.value().at(), owner + " has a blank '" + entry.key() + "' " + role);
                complete = false;
                continue;
            }
            byLanguage.put(language.get(), scalar.text());
        }
        for (Language language : Language.values()) {
            if (!texts.entries().containsKey(language.code())) {
                // At the key ("prompt:"), which is where one looks; the mapping itself starts a line lower in block style.
                report(map.entries().get(key).keyAt(), owner + " has no '" + language.code() + "' " + role);
                complete = false;
            }
        }
        return complete ? new LocalizedText(byLanguage) : null;
    }

    private <E extends Enum<E>> E enumValue(MapNode map, String key, String owner, Class<E> type) {
        String value = text(map, key, owner, true, false);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (yamlName(constant).equals(value.strip())) {
                return constant;
            }
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(DefinitionReader::yamlName).toList();
        report(map.entries().get(key).value().at(), key + " '" + value + "' is not one of: " + String.join(", ", allowed)
                + Suggestions.didYouMean(value, allowed));
        return null;
    }

    /** How an enum constant is written in YAML: {@code JPKI_SIGNATURE_AND_CLERK_VIDEO} → {@code jpki-signature-and-clerk-video}. */
    static String yamlName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String choiceValues(List<Question.Choice> choices) {
        return choices.stream().map(Question.Choice::value).collect(Collectors.joining(", "));
    }

    private static String languageCodes() {
        return Arrays.stream(Language.values()).map(Language::code).collect(Collectors.joining(", "));
    }

    private void report(Location at, String message) {
        problemCount++;
        sink.add(at, message);
    }

    private static Set<String> keys(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }
}
