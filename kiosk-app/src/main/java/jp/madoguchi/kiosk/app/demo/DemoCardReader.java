package jp.madoguchi.kiosk.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.madoguchi.card.emulator.EmulatedCards;
import jp.madoguchi.card.emulator.EmulatedMyNumberCard;
import jp.madoguchi.card.emulator.Personas;
import jp.madoguchi.card.emulator.TestAuthority;
import jp.madoguchi.card.emulator.inprocess.EmulatedTerminals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode's card reader: one in-process reader, {@value #READER_NAME}, into which the demo panel inserts and
 * from which it removes emulated My Number cards, one per built-in persona. The cards are issued by the test
 * authority headquarters trusts in demo mode ({@code hq-server --demo --test-authority DIR}), so what the booth
 * signs with them verifies there.
 *
 * <p>Each persona is one card for the life of the reader, made the first time it is inserted (issuing its
 * certificates takes a moment, so {@link #insert} is for a worker thread, never the FX thread): like a real
 * card, it keeps its PIN counters when it is taken out and put back, so the booth's PIN rules can be shown
 * honestly (a blocked card stays blocked).
 *
 * <p>{@link #open} only plugs the reader in: the test authority and the personas are read the first time they are
 * needed, or by {@link #prepare()}, which the booth calls after its attract screen's first frame (they took about
 * 90 ms of a 2-core booth's start, for a panel that opens after that frame anyway).
 *
 * <p>Thread-safe. Knows no JavaFX.
 */
public final class DemoCardReader implements AutoCloseable {
    /** The demo reader's name, as the booth's card slot sees it. */
    public static final String READER_NAME = "Madoguchi Demo Reader";

    private static final Logger log = LoggerFactory.getLogger(DemoCardReader.class);

    private final EmulatedTerminals terminals;
    private final AuthoritySource authoritySource;
    private TestAuthority authority; // guarded by this
    private List<DemoPersona> personas; // guarded by this
    private final Map<String, EmulatedMyNumberCard> cards = new HashMap<>(); // guarded by this
    private String inserted; // guarded by this
    private boolean closed; // guarded by this

    /** A demo reader (attached, empty) over {@code terminals}, issuing cards from {@code authority}. */
    public DemoCardReader(EmulatedTerminals terminals, TestAuthority authority) {
        this(terminals, sourceOf(Objects.requireNonNull(authority, "authority")));
    }

    private DemoCardReader(EmulatedTerminals terminals, AuthoritySource authoritySource) {
        this.terminals = Objects.requireNonNull(terminals, "terminals");
        this.authoritySource = authoritySource;
        terminals.attachReader(READER_NAME);
    }

    private static AuthoritySource sourceOf(TestAuthority authority) {
        return () -> authority;
    }

    /** Where the test authority comes from, the first time a card is issued. */
    @FunctionalInterface
    private interface AuthoritySource {
        TestAuthority load() throws IOException;
    }

    /**
     * A demo reader with its own in-process readers and the test authority kept in {@code authorityDirectory}
     * (created there on first use, as {@code card-reader.jar emulate} and {@code hq-server --demo} do).
     */
    public static DemoCardReader open(Path authorityDirectory) {
        Objects.requireNonNull(authorityDirectory, "authorityDirectory");
        return new DemoCardReader(new EmulatedTerminals(), () -> TestAuthority.loadOrCreate(authorityDirectory));
    }

    /**
     * Reads the test authority (creating it on first use) and the personas now, rather than at the first insert.
     *
     * @throws IOException when the test authority cannot be read or made
     */
    public synchronized void prepare() throws IOException {
        personas();
        authority();
    }

    private synchronized TestAuthority authority() throws IOException {
        if (authority == null) {
            authority = Objects.requireNonNull(authoritySource.load(), "test authority");
        }
        return authority;
    }

    /** The in-process readers the booth's card slot watches. */
    public EmulatedTerminals terminals() {
        return terminals;
    }

    public String readerName() {
        return READER_NAME;
    }

    /** The built-in personas, in the emulator's order ({@code default} first). */
    public synchronized List<DemoPersona> personas() {
        if (personas == null) {
            personas = Personas.builtInIds().stream().map(Personas::builtIn).map(DemoPersona::of).toList();
        }
        return personas;
    }

    public Optional<DemoPersona> persona(String id) {
        return personas().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * Puts the persona's card into the reader (making the card the first time). Blocks while the card is
     * issued: call it on a worker thread.
     *
     * @throws IllegalArgumentException for an unknown persona
     * @throws IllegalStateException when a card is already in the reader, or the reader is closed
     */
    public synchronized void insert(String personaId) {
        if (closed) {
            throw new IllegalStateException("the demo reader is closed");
        }
        if (persona(personaId).isEmpty()) {
            throw new IllegalArgumentException("no built-in persona '" + personaId + "'");
        }
        if (inserted != null || terminals.isCardPresent(READER_NAME)) {
            throw new IllegalStateException("a card is already in " + READER_NAME);
        }
        EmulatedMyNumberCard card = cards.get(personaId);
        if (card == null) {
            TestAuthority issuer;
            try {
                issuer = authority();
            } catch (IOException e) {
                throw new UncheckedIOException("the test authority cannot be read: " + e.getMessage(), e);
            }
            card = EmulatedCards.create(Personas.builtIn(personaId), issuer);
            cards.put(personaId, card);
        }
        terminals.insert(READER_NAME, card);
        inserted = personaId;
        log.info("demo card inserted: persona={}", personaId);
    }

    /** Takes the card out of the reader; nothing happens when there is none. */
    public synchronized void remove() {
        if (terminals.isCardPresent(READER_NAME)) {
            terminals.remove(READER_NAME);
            log.info("demo card removed: persona={}", inserted);
        }
        inserted = null;
    }

    /** Whether a card is in the reader. */
    public boolean cardPresent() {
        return terminals.isCardPresent(READER_NAME);
    }

    /** The persona whose card is in the reader. */
    public synchronized Optional<String> insertedPersona() {
        return cardPresent() ? Optional.ofNullable(inserted) : Optional.empty();
    }

    /** Takes the card out and unplugs the reader. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        remove();
        terminals.detachReader(READER_NAME);
    }
}
