package jp.madoguchi.card.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jp.madoguchi.card.CardException;
import jp.madoguchi.card.apdu.Hex;
import jp.madoguchi.card.pcsc.ReaderEvent;
import jp.madoguchi.card.pcsc.ReaderInfo;
import jp.madoguchi.card.pcsc.ReaderWatcher;
import jp.madoguchi.card.pcsc.Readers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code readers}: the PC/SC readers and whether a card is in each; {@code --watch} follows changes. */
@Command(name = "readers", description = "List the card readers and whether a card is in each; --watch follows plug/unplug and insert/remove.")
final class ReadersCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--watch", description = "Keep running and print every reader and card event until stopped (Ctrl-C).")
    boolean watch;

    @Override
    public Integer call() throws Exception {
        Cli cli = common.cli();
        Readers readers;
        try {
            readers = Readers.pcsc();
            if (!watch) {
                List<ReaderInfo> list = readers.list();
                if (list.isEmpty()) {
                    cli.say("readers.none");
                }
                for (ReaderInfo reader : list) {
                    cli.print(reader.name() + "\t" + cli.text(reader.cardPresent() ? "readers.card_present" : "readers.no_card"));
                }
                return CardTool.EXIT_OK;
            }
        } catch (CardException e) {
            return cli.cardError(e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (ReaderWatcher watcher = readers.watch(event -> cli.print(describe(cli, event)))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "readers-watch-stop"));
            stopped.await();
        }
        return CardTool.EXIT_OK;
    }

    static String describe(Cli cli, ReaderEvent event) {
        if (event instanceof ReaderEvent.ReaderAttached e) {
            return cli.text("readers.event.attached", e.readerName());
        }
        if (event instanceof ReaderEvent.ReaderDetached e) {
            return cli.text("readers.event.detached", e.readerName());
        }
        if (event instanceof ReaderEvent.CardInserted e) {
            return cli.text("readers.event.inserted", e.readerName(), Hex.encode(e.atr(), 0, e.atr().length, true));
        }
        if (event instanceof ReaderEvent.CardRemoved e) {
            return cli.text("readers.event.removed", e.readerName());
        }
        if (event instanceof ReaderEvent.ServiceUnavailable e) {
            return cli.text("readers.event.service_unavailable", e.reason());
        }
        return cli.text("readers.event.service_restored");
    }
}
