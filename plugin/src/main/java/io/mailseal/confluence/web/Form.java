package io.mailseal.confluence.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;

/**
 * A submitted form: its text fields and, for {@code multipart/form-data}, its files.
 *
 * <p>A plugin servlet has no multipart configuration, so {@code request.getPart} is not available; a multipart body is
 * read here, at most a given number of bytes, into at most
 * {@value #MAX_PARTS} parts. A url-encoded form is read by the container as usual. A body whose declared length is
 * larger than allowed, or a multipart body that turns out larger, is refused before anything in it is looked at. {@link #request()} shows the text
 * fields as request parameters, so the SAL XSRF validator finds {@code atl_token} in a multipart form too.
 *
 * <p>Immutable once read; not meant to be shared between requests.
 */
public final class Form {

    /** The most parts a multipart body may have. */
    public static final int MAX_PARTS = 50;

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|[^;\\s]+)");
    private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");

    private final HttpServletRequest request;
    private final Map<String, List<String>> fields;
    private final Map<String, Upload> files;

    private Form(HttpServletRequest request, Map<String, List<String>> fields, Map<String, Upload> files) {
        this.request = request;
        this.fields = fields;
        this.files = files;
    }

    /** What reading a form gave. */
    public sealed interface Read {
    }

    /**
     * The body is larger than allowed; it was not parsed.
     *
     * @param limit the largest body allowed, in bytes
     */
    public record TooLarge(int limit) implements Read {
    }

    /**
     * The multipart body cannot be parsed.
     *
     * @param reason what is wrong
     */
    public record Malformed(String reason) implements Read {
    }

    /**
     * A form that was read.
     *
     * @param form the form
     */
    public record Parsed(Form form) implements Read {
    }

    /**
     * A file from a multipart form.
     *
     * @param fileName the name the browser sent (may be empty); only for showing
     * @param data     the content
     */
    public record Upload(String fileName, byte[] data) {
    }

    /**
     * The form of a url-encoded request (or a GET's query), as the container parsed it.
     *
     * @param request the request
     * @return the form
     */
    public static Form of(HttpServletRequest request) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> fields.put(name, List.of(values)));
        return new Form(request, fields, Map.of());
    }

    /**
     * Reads a request's form: a multipart body here, any other through the container.
     *
     * @param request  the request
     * @param maxBytes the largest multipart body read
     * @return the form, or why it was not read
     * @throws IOException if the body cannot be read
     */
    public static Read read(HttpServletRequest request, int maxBytes) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            return new TooLarge(maxBytes);
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return new Parsed(of(request));
        }
        Matcher boundary = BOUNDARY.matcher(type);
        if (!boundary.find()) {
            return new Malformed("no boundary in the content type");
        }
        String delimiter = boundary.group(2) != null ? boundary.group(2) : boundary.group(1);
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = readAtMost(in, maxBytes + 1);
        }
        if (body.length > maxBytes) {
            return new TooLarge(maxBytes);
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> fields.put(name, new ArrayList<>(List.of(values))));
        Map<String, Upload> files = new LinkedHashMap<>();
        String problem = parse(body, delimiter, fields, files);
        if (problem != null) {
            return new Malformed(problem);
        }
        return new Parsed(new Form(new FieldsRequest(request, fields), fields, files));
    }

    /**
     * A text field.
     *
     * @param name the field's name
     * @return its first value, or the empty string if it was not sent
     */
    public String get(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() || values.get(0) == null ? "" : values.get(0);
    }

    /**
     * Whether a field was sent with a non-blank value (a ticked check box).
     *
     * @param name the field's name
     * @return true if present and not blank
     */
    public boolean checked(String name) {
        return !get(name).isBlank();
    }

    /**
     * A file field.
     *
     * @param name the field's name
     * @return the file, or empty if none was chosen
     */
    public Optional<Upload> file(String name) {
        Upload upload = files.get(name);
        return upload == null || upload.data().length == 0 && upload.fileName().isEmpty() ? Optional.empty()
                : Optional.of(upload);
    }

    /**
     * The request with this form's text fields as its parameters.
     *
     * @return the request
     */
    public HttpServletRequest request() {
        return request;
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while (out.size() < limit && (read = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) > 0) {
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /** Parses the parts into the maps; returns a problem, or null. */
    private static String parse(byte[] body, String boundary, Map<String, List<String>> fields,
                                Map<String, Upload> files) {
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int position = indexOf(body, dash, 0);
        if (position < 0) {
            return "the body has no boundary";
        }
        position += dash.length;
        for (int parts = 0; ; parts++) {
            if (startsWith(body, position, "--")) {
                return null;
            }
            if (parts >= MAX_PARTS) {
                return "more than " + MAX_PARTS + " parts";
            }
            if (!startsWith(body, position, "\r\n")) {
                return "a boundary is not followed by a line break";
            }
            int headersStart = position + 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                return "a part has no end of headers";
            }
            int contentStart = headersEnd + 4;
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                return "a part has no closing boundary";
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            String disposition = headers.lines().filter(line -> line.toLowerCase(Locale.ROOT)
                    .startsWith("content-disposition:")).findFirst().orElse("");
            Matcher name = NAME.matcher(disposition);
            if (name.find()) {
                byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
                Matcher fileName = FILENAME.matcher(disposition);
                if (fileName.find()) {
                    files.putIfAbsent(name.group(1), new Upload(fileName.group(1), content));
                } else {
                    fields.computeIfAbsent(name.group(1), key -> new ArrayList<>())
                            .add(new String(content, StandardCharsets.UTF_8));
                }
            }
            position = contentEnd + next.length;
        }
    }

    private static boolean startsWith(byte[] data, int at, String prefix) {
        if (at + prefix.length() > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (data[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The request, with a multipart form's text fields (and the query's) as its parameters. */
    private static final class FieldsRequest extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;

        FieldsRequest(HttpServletRequest request, Map<String, List<String>> fields) {
            super(request);
            Map<String, String[]> copy = new LinkedHashMap<>();
            fields.forEach((name, values) -> copy.put(name, values.toArray(new String[0])));
            this.parameters = Collections.unmodifiableMap(copy);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public java.util.Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }
    }
}
