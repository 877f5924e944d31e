package io.mailseal.testkit.confluence;

import com.atlassian.webresource.api.assembler.PageBuilderService;
import com.atlassian.webresource.api.assembler.RequiredResources;
import com.atlassian.webresource.api.assembler.WebResourceAssembler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Page builder service with one assembler (there are no requests to scope it to) that records the web resources
 * and contexts required, in order.
 *
 * <p>Thread-safe: copy-on-write lists.
 */
public final class InMemoryPageBuilderService implements PageBuilderService {

    private final RecordingAssembler assembler = new RecordingAssembler();

    @Override
    public RecordingAssembler assembler() {
        return assembler;
    }

    /** An assembler that records what is required of it. */
    public static final class RecordingAssembler implements WebResourceAssembler, RequiredResources {

        private final List<String> webResources = new CopyOnWriteArrayList<>();
        private final List<String> contexts = new CopyOnWriteArrayList<>();

        @Override
        public RequiredResources resources() {
            return this;
        }

        @Override
        public RequiredResources requireWebResource(String moduleCompleteKey) {
            webResources.add(moduleCompleteKey);
            return this;
        }

        @Override
        public RequiredResources requireContext(String context) {
            contexts.add(context);
            return this;
        }

        /**
         * The web resources required so far.
         *
         * @return their complete module keys, in order
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
