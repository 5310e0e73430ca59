-- One MessagingType for the ledger and the wire: the enum now also names a public reply under a comment
-- (comment_reply). Such a send is still stored as response with endpoint_class comment_reply; the constraint lists
-- every value of the enum so the column and the type cannot drift apart (CheckConstraintValueListTests).
-- Widening only: existing rows already satisfy it, so it is added NOT VALID and validated without blocking writes.
ALTER TABLE outbound_sends DROP CONSTRAINT ck_outbound_sends_messaging_type;
ALTER TABLE outbound_sends ADD CONSTRAINT ck_outbound_sends_messaging_type
    CHECK (messaging_type = ANY ('{response,human_agent,private_reply,template,comment_reply}'::text[])) NOT VALID;
ALTER TABLE outbound_sends VALIDATE CONSTRAINT ck_outbound_sends_messaging_type;
