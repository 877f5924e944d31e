package io.mailseal.confluence.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/**
 * A small request, response and session for servlet tests: only what the servlets and the SAL stand-ins use; any
 * other call fails the test loudly.
 */
final class FakeHttp {

    static final String HOST = "http://127.0.0.1:8090";
    static final String CONTEXT = "/confluence";

    private FakeHttp() {
    }

    /** A session: attributes in a map. */
    static final class Session {
        final Map<String, Object> attributes = new ConcurrentHashMap<>();

        HttpSession proxy() {
            return (HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpSession.class},
                    (self, method, args) -> switch (method.getName()) {
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> {
                            attributes.put((String) args[0], args[1]);
                            yield null;
                        }
                        case "removeAttribute" -> attributes.remove((String) args[0]);
                        case "getId" -> "session-" + System.identityHashCode(this);
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        case "toString" -> "FakeSession" + attributes.keySet();
                        default -> throw new UnsupportedOperationException("HttpSession." + method.getName());
                    });
        }
    }

    /** A request being built. */
    static final class Request {
        String method = "GET";
        String path = "/";
        String remoteUser;
        Session session;
        String contentType;
        byte[] body = new byte[0];
        final Map<String, List<String>> parameters = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();

        /** Sets a parameter (replacing any value it had). */
        Request param(String name, String value) {
            parameters.put(name, new ArrayList<>(List.of(value)));
            return this;
        }

        HttpServletRequest proxy() {
            String queryString = query.isEmpty() ? null : String.join("&", query.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
            Map<String, String[]> parameterMap = new LinkedHashMap<>();
            query.forEach((name, value) -> parameterMap.put(name, new String[] {value}));
            parameters.forEach((name, values) -> parameterMap.put(name, values.toArray(new String[0])));
            return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (self, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getContextPath" -> CONTEXT;
                        case "getServletPath" -> "/plugins/servlet";
                        case "getPathInfo" -> path.substring("/plugins/servlet".length());
                        case "getRequestURI" -> CONTEXT + path;
                        case "getRequestURL" -> new StringBuffer(HOST + CONTEXT + path);
                        case "getQueryString" -> queryString;
                        case "getParameter" -> {
                            String[] values = parameterMap.get((String) args[0]);
                            yield values == null ? null : values[0];
                        }
                        case "getParameterValues" -> parameterMap.get((String) args[0]);
                        case "getParameterMap" -> Collections.unmodifiableMap(parameterMap);
                        case "getParameterNames" -> Collections.enumeration(parameterMap.keySet());
                        case "getRemoteUser" -> remoteUser;
                        case "getSession" -> args != null && args.length == 1 && !(Boolean) args[0] && session == null
                                ? null : session().proxy();
                        case "getContentType" -> contentType;
                        case "getContentLength" -> body.length == 0 ? -1 : body.length;
                        case "getContentLengthLong" -> body.length == 0 ? -1L : (long) body.length;
                        case "getInputStream" -> input(body);
                        case "getHeader", "getAttribute", "getCharacterEncoding" -> null;
                        case "getHeaders" -> Collections.emptyEnumeration();
                        case "getLocale" -> Locale.ENGLISH;
                        case "setCharacterEncoding", "setAttribute" -> null;
                        case "getScheme" -> "http";
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        case "toString" -> method + " " + path;
                        default -> throw new UnsupportedOperationException("HttpServletRequest." + m.getName());
                    });
        }

        private Session session() {
            if (session == null) {
                session = new Session();
            }
            return session;
        }
    }

    /** A response that remembers everything written to it. */
    static final class Response {
        int status = 200;
        String error;
        String redirect;
        String contentType;
        final Map<String, String> headers = new LinkedHashMap<>();
        final StringWriter text = new StringWriter();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        String body() {
            return text + bytes.toString(StandardCharsets.UTF_8);
        }

        HttpServletResponse proxy() {
            PrintWriter writer = new PrintWriter(text, true);
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (self, m, args) -> switch (m.getName()) {
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "getStatus" -> status;
                        case "sendError" -> {
                            status = (Integer) args[0];
                            error = args.length > 1 ? (String) args[1] : "";
                            yield null;
                        }
                        case "sendRedirect" -> {
                            status = 302;
                            redirect = (String) args[0];
                            yield null;
                        }
                        case "setContentType" -> {
                            contentType = (String) args[0];
                            yield null;
                        }
                        case "getContentType" -> contentType;
                        case "setHeader", "addHeader" -> {
                            headers.put((String) args[0], (String) args[1]);
                            yield null;
                        }
                        case "getHeader" -> headers.get((String) args[0]);
                        case "setCharacterEncoding", "setContentLength", "setContentLengthLong", "addCookie" -> null;
                        case "getCharacterEncoding" -> "UTF-8";
                        case "getWriter" -> writer;
                        case "getOutputStream" -> output(bytes);
                        case "isCommitted" -> redirect != null || error != null;
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        case "toString" -> "response " + status;
                        default -> throw new UnsupportedOperationException("HttpServletResponse." + m.getName());
                    });
        }
    }

    private static ServletInputStream input(byte[] body) {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }
        };
    }

    private static ServletOutputStream output(ByteArrayOutputStream out) {
        return new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(int b) {
                out.write(b);
            }
        };
    }

    /**
     * A multipart/form-data body.
     *
     * @param boundary the boundary
     * @param parts    name → value: a String for a field, a {@code Object[]{fileName, byte[]}} for a file
     * @return the body
     */
    static byte[] multipart(String boundary, Map<String, Object> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, Object> part : parts.entrySet()) {
            write(out, "--" + boundary + "\r\n");
            if (part.getValue() instanceof Object[] file) {
                write(out, "Content-Disposition: form-data; name=\"" + part.getKey() + "\"; filename=\"" + file[0]
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
                out.writeBytes((byte[]) file[1]);
            } else {
                write(out, "Content-Disposition: form-data; name=\"" + part.getKey() + "\"\r\n\r\n"
                        + part.getValue());
            }
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
