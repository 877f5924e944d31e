package io.mailseal.testkit.ao;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/** A test entity: a note with an owner and unlimited text. */
@Table("NOTE")
@Preload
public interface Note extends Entity {

    @NotNull
    @Indexed
    String getOwner();

    void setOwner(String owner);

    @StringLength(StringLength.UNLIMITED)
    String getText();

    void setText(String text);
}
