package jp.madoguchi.card.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jp.madoguchi.card.CardError;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.LoggingTransport;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.Persona;
import jp.madoguchi.card.emulator.PersonaFormatException;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.mynumber.MyNumberCard;
import jp.madoguchi.card.pcsc.CardConnection;
import jp.madoguchi.card.pcsc.ReaderInfo;
import jp.madoguchi.card.pcsc.Readers;
import picocli.CommandLine.Option;

/** Which card a command talks to: a PC/SC reader by name, or {@code emulator:PERSONA} in process. */
final class ReaderOptions {
    static final String EMULATOR_PREFIX = "emulator:";

    @Option(names = "--reader", paramLabel = "NAME",
            description = "The reader, as `readers` lists it (default: the only reader with a card). "
                    + "`emulator:PERSONA` uses the emulated card in process, without pcscd.")
    String reader;

    @Option(names = "--authority", paramLabel = "DIR",
            description = "Test authority for `emulator:` readers (default: ~/.local/share/madoguchi/test-authority).")
    Path authority;

    CardSession open(Cli cli, boolean verbose) throws CardException, IOException {
        if (reader != null && reader.startsWith(EMULATOR_PREFIX)) {
            // an unusable persona is a usage error, found before any key is generated
            Persona persona = persona(reader.substring(EMULATOR_PREFIX.length()));
            Path dir = authority != null ? authority : EmulatedCards.defaultAuthorityDirectory();
            TestAuthority testAuthority = TestAuthority.loadOrCreate(dir);
            testAuthority.exportTrustMaterial(dir.resolve("trust")); // so `verify --roots DIR/trust` works
            EmulatedMyNumberCard card = EmulatedCards.create(persona, testAuthority);
            return CardSession.inProcess(new MyNumberCard(new LoggingTransport(card, reader)));
        }
        Readers readers = Readers.pcsc();
        List<ReaderInfo> present = readers.list();
        String name = reader != null ? reader : onlyReaderWithCard(present);
        if (present.stream().noneMatch(r -> r.name().equals(name))) {
            throw new ChoiceException(CardError.READER_NOT_FOUND, "error.reader_not_found", name, names(present));
        }
        CardConnection connection = readers.connect(name);
        return CardSession.pcsc(connection);
    }

    /**
     * The persona a file or built-in id names, for {@code emulator:PERSONA} and {@code emulate --persona}.
     *
     * @throws UsageException when it is neither a usable persona file nor a built-in id
     */
    static Persona persona(String fileOrId) {
        try {
            return EmulatedCards.persona(fileOrId);
        } catch (PersonaFormatException e) {
            String prefix = e.source() + ": ";
            String problem = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            throw new UsageException("error.bad_persona", fileOrId, problem);
        } catch (IOException e) {
            if (Files.exists(Path.of(fileOrId))) {
                throw new UsageException("error.io", fileOrId, e.getMessage());
            }
            throw new UsageException("emulate.unknown_persona", fileOrId, String.join(", ", Personas.builtInIds()));
        }
    }

    private static String onlyReaderWithCard(List<ReaderInfo> readers) throws CardException {
        List<String> withCard = readers.stream().filter(ReaderInfo::cardPresent).map(ReaderInfo::name)
                .collect(Collectors.toList());
        if (withCard.size() == 1) {
            return withCard.get(0);
        }
        if (withCard.isEmpty()) {
            throw new ChoiceException(CardError.NO_CARD, "error.no_reader_with_card", names(readers));
        }
        throw new ChoiceException(CardError.READER_NOT_FOUND, "error.several_readers", String.join(", ", withCard));
    }

    /** The reader could not be chosen: said with the tool's own text, which names the readers there are. */
    static final class ChoiceException extends CardException {
        private final String key;
        private final Object[] args;

        ChoiceException(CardError error, String key, Object... args) {
            super(error, key + " " + java.util.Arrays.toString(args));
            this.key = key;
            this.args = args;
        }

        @Override
        public String localizedMessage(java.util.Locale locale) {
            return Cli.forLocale(locale).text(key, args);
        }
    }

    static String names(List<ReaderInfo> readers) {
        return readers.isEmpty() ? "(none)" : readers.stream().map(ReaderInfo::name).collect(Collectors.joining(", "));
    }
}
