package jp.madoguchi.forms.model;

/**
 * Where a field's value comes from. In definition files it is written as one string:
 * {@code card.name}, {@code card.address}, {@code card.birthDate}, {@code card.sex},
 * {@code answer.<questionId>}, {@code booth.municipality}, {@code booth.location}, {@code booth.id},
 * {@code computed.today}, {@code computed.feeTotal}, {@code computed.reference}, or
 * {@code text:<fixed text>}.
 */
public sealed interface FieldSource {
    /** The notation used in definition files. */
    String notation();

    /** From the My Number card's basic 4 info. */
    record Card(CardField field) implements FieldSource {
        @Override
        public String notation() {
            return "card." + field.key();
        }
    }

    /** The resident's answer to a question. */
    record Answer(String questionId) implements FieldSource {
        @Override
        public String notation() {
            return "answer." + questionId;
        }
    }

    /** From the booth's configuration. */
    record Booth(BoothField field) implements FieldSource {
        @Override
        public String notation() {
            return "booth." + field.key();
        }
    }

    /** Computed when the form is filled. */
    record Computed(ComputedField field) implements FieldSource {
        @Override
        public String notation() {
            return "computed." + field.key();
        }
    }

    /** A fixed text printed as it is. */
    record Text(String text) implements FieldSource {
        @Override
        public String notation() {
            return "text:" + text;
        }
    }

    enum CardField {
        NAME("name"), ADDRESS("address"), BIRTH_DATE("birthDate"), SEX("sex");

        private final String key;

        CardField(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    enum BoothField {
        MUNICIPALITY("municipality"), LOCATION("location"), ID("id");

        private final String key;

        BoothField(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    enum ComputedField {
        /** The date of the application. */
        TODAY("today"),
        /** feePerCopy × the answer to the {@code copies} question (or 1). */
        FEE_TOTAL("feeTotal"),
        /** The application's reference number. */
        REFERENCE("reference");

        private final String key;

        ComputedField(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
