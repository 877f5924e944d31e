package io.mailseal.sandbox.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

/**
 * A response whose body is kept back, so that a page can be decorated before it goes out (as SiteMesh does in
 * Confluence). Redirects and errors go straight through. At most {@value #MAX_BYTES} bytes are kept.
 *
 * <p>Not thread-safe: belongs to one request.
 */
final class BufferedResponse extends HttpServletResponseWrapper {

    /** The largest body kept back. */
    static final int MAX_BYTES = 32 * 1024 * 1024;

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private ServletOutputStream stream;
    private PrintWriter writer;
    private boolean passedThrough;

    BufferedResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() was already called");
        }
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("the sandbox buffers plugin pages");
                }

                @Override
                public void write(int b) throws IOException {
                    if (body.size() >= MAX_BYTES) {
                        throw new IOException("a page longer than " + MAX_BYTES + " bytes");
                    }
                    body.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    if (body.size() + length > MAX_BYTES) {
                        throw new IOException("a page longer than " + MAX_BYTES + " bytes");
                    }
                    body.write(bytes, offset, length);
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (stream != null && writer == null) {
            throw new IllegalStateException("getOutputStream() was already called");
        }
        if (writer == null) {
            if (getResponse().getCharacterEncoding() == null
                    || "ISO-8859-1".equalsIgnoreCase(getResponse().getCharacterEncoding())) {
                setCharacterEncoding(StandardCharsets.UTF_8.name());
            }
            ServletOutputStream out = getOutputStream();
            writer = new PrintWriter(new OutputStreamWriter(out, charset()));
            stream = out;
        }
        return writer;
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        passedThrough = true;
        super.sendRedirect(location);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        passedThrough = true;
        super.sendError(status, message);
    }

    @Override
    public void sendError(int status) throws IOException {
        passedThrough = true;
        super.sendError(status);
    }

    @Override
    public void setContentLength(int length) {
        // the length is set when the (maybe decorated) body goes out
    }

    @Override
    public void setContentLengthLong(long length) {
        // as above
    }

    @Override
    public void flushBuffer() {
        if (writer != null) {
            writer.flush();
        }
    }

    @Override
    public void resetBuffer() {
        body.reset();
    }

    @Override
    public void reset() {
        super.reset();
        body.reset();
    }

    @Override
    public boolean isCommitted() {
        return passedThrough || super.isCommitted();
    }

    /** Whether a redirect or error was sent instead of a body. */
    boolean passedThrough() {
        return passedThrough;
    }

    /** The body written so far. */
    byte[] body() {
        if (writer != null) {
            writer.flush();
        }
        return body.toByteArray();
    }

    /** The body's character set. */
    Charset charset() {
        String encoding = getResponse().getCharacterEncoding();
        try {
            return encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
