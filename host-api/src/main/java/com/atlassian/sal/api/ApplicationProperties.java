package com.atlassian.sal.api;

import java.nio.file.Path;
import java.util.Date;
import java.util.Optional;

/**
 * Facts about the host application: base URL, name, version, build and home directories.
 *
 * <p>Signature: sal-api 5.1.4 ({@code @PublicApi}), DF
 * {@code com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/ApplicationProperties.java}, per
 * confluence-platform.md B.3. Omitted (deprecated there): {@code getBaseUrl()}, {@code getHomeDirectory()},
 * {@code getPropertyValue(String)}; also omitted: the {@code PLATFORM_*} constants.
 */
public interface ApplicationProperties {

    /**
     * The base URL of the application.
     *
     * @param urlMode how to build it
     * @return the base URL, without trailing slash
     */
    String getBaseUrl(UrlMode urlMode);

    /**
     * The application's display name.
     *
     * @return e.g. "Confluence"
     */
    String getDisplayName();

    /**
     * The platform identifier.
     *
     * @return "conf" for Confluence
     */
    String getPlatformId();

    /**
     * The application's version.
     *
     * @return the version
     */
    String getVersion();

    /**
     * The application's build date.
     *
     * @return the build date
     */
    Date getBuildDate();

    /**
     * The application's build number.
     *
     * @return the build number
     */
    String getBuildNumber();

    /**
     * The node-local home directory.
     *
     * @return the local home, if there is one
     */
    Optional<Path> getLocalHomeDirectory();

    /**
     * The cluster-shared home directory.
     *
     * @return the shared home, if there is one
     */
    Optional<Path> getSharedHomeDirectory();

    /**
     * The character encoding the application uses for files.
     *
     * @return the encoding name
     */
    String getApplicationFileEncoding();
}
