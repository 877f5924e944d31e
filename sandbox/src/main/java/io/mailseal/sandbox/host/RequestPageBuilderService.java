package io.mailseal.sandbox.host;

import com.atlassian.webresource.api.assembler.PageBuilderService;
import com.atlassian.webresource.api.assembler.RequiredResources;
import com.atlassian.webresource.api.assembler.WebResourceAssembler;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.http.HttpServletRequest;

/**
 * The web resource page builder: one assembler per HTTP request (kept as a request attribute), to which a plugin's
 * servlet adds the web resources and contexts its page needs; the page decorator then writes their
 * {@code <link>}/{@code <script>} tags into the page's head. Outside a request the assembler is a new, unused one.
 *
 * <p>Thread-safe: the assembler belongs to its request; its lists are copy-on-write.
 */
public final class RequestPageBuilderService implements PageBuilderService {

    /** The request attribute holding the request's assembler. */
    public static final String REQUEST_ATTRIBUTE = "sandbox.webResourceAssembler";

    private final CurrentRequest currentRequest;

    /**
     * Creates the service.
     *
     * @param currentRequest the request of the calling thread
     */
    public RequestPageBuilderService(CurrentRequest currentRequest) {
        this.currentRequest = Objects.requireNonNull(currentRequest, "currentRequest");
    }

    @Override
    public RecordingAssembler assembler() {
        return currentRequest.get().map(RequestPageBuilderService::of).orElseGet(RecordingAssembler::new);
    }

    /**
     * The assembler of a request, created on first use.
     *
     * @param request the request
     * @return its assembler
     */
    public static RecordingAssembler of(HttpServletRequest request) {
        synchronized (request) {
            Object existing = request.getAttribute(REQUEST_ATTRIBUTE);
            if (existing instanceof RecordingAssembler assembler) {
                return assembler;
            }
            RecordingAssembler assembler = new RecordingAssembler();
            request.setAttribute(REQUEST_ATTRIBUTE, assembler);
            return assembler;
        }
    }

    /** An assembler that records what is required of it, in order. */
    public static final class RecordingAssembler implements WebResourceAssembler, RequiredResources {

        private final CopyOnWriteArrayList<String> webResources = new CopyOnWriteArrayList<>();
        private final CopyOnWriteArrayList<String> contexts = new CopyOnWriteArrayList<>();

        @Override
        public RequiredResources resources() {
            return this;
        }

        @Override
        public RequiredResources requireWebResource(String moduleCompleteKey) {
            webResources.addIfAbsent(Objects.requireNonNull(moduleCompleteKey, "moduleCompleteKey"));
            return this;
        }

        @Override
        public RequiredResources requireContext(String context) {
            contexts.addIfAbsent(Objects.requireNonNull(context, "context"));
            return this;
        }

        /**
         * The web resources required so far.
         *
         * @return their complete module keys ({@code pluginKey:moduleKey}), in order
         */
        public List<String> webResources() {
            return List.copyOf(webResources);
        }

        /**
         * The web resource contexts required so far.
         *
         * @return the context names, in order
         */
        public List<String> contexts() {
            return List.copyOf(contexts);
        }
    }
}
