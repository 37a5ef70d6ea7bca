package dev.leadbase.local.events;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A stream poller's position, kept in a file: the stream ARN and, per shard, the sequence number of the last record
 * handled. Each save replaces the file whole (write, then rename), so a kill leaves the previous position or the new
 * one, never half of one.
 */
public final class StreamCheckpoint {
    private static final String STREAM_ARN = "streamArn";
    private static final String SHARD = "shard.";

    private final Path file;

    public StreamCheckpoint(Path file) {
        this.file = file;
    }

    /**
     * The saved positions (shard id → last sequence number handled), or null when nothing was saved for this stream:
     * no file yet, or a file about another stream (the table was made again).
     */
    Map<String, String> load(String streamArn) {
        if (!Files.exists(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the stream position " + file, e);
        }
        if (!streamArn.equals(properties.getProperty(STREAM_ARN))) {
            return null;
        }
        Map<String, String> positions = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(SHARD)) {
                positions.put(name.substring(SHARD.length()), properties.getProperty(name));
            }
        }
        return positions;
    }

    void save(String streamArn, Map<String, String> positions) {
        Properties properties = new Properties();
        properties.setProperty(STREAM_ARN, streamArn);
        positions.forEach((shard, sequence) -> properties.setProperty(SHARD + shard, sequence));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary)) {
                properties.store(out, null);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the stream position " + file, e);
        }
    }
}
