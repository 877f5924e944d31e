package io.mailseal.cli;

import io.mailseal.settings.Settings;
import io.mailseal.settings.SettingsJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a settings file for a command, printing every problem with the file and field. Stateless. */
final class SettingsFile {

    private SettingsFile() {
    }

    /**
     * Reads and checks the settings.
     *
     * @param file the settings JSON
     * @param err  where problems are printed
     * @return the settings, or empty after printing why not
     */
    static Optional<Settings> read(Path file, PrintWriter err) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("cannot read settings file " + file + ": " + e.getMessage());
            return Optional.empty();
        }
        SettingsJson.Result read = SettingsJson.read(text);
        if (read instanceof SettingsJson.Invalid invalid) {
            invalid.problems().forEach(problem -> err.println(file + ": " + problem));
            return Optional.empty();
        }
        return Optional.of(((SettingsJson.Valid) read).settings());
    }
}
