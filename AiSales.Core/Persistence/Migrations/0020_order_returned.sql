-- A delivered order the customer brought back (issue #25: conversions report returns to Meta as OrderReturned).
-- Its items go back into stock (OrderStatusFlow.GivesBackStock); revenue figures count confirmed, shipped and delivered
-- orders only, so a returned order leaves them.
ALTER TABLE orders DROP CONSTRAINT ck_orders_status;
ALTER TABLE orders ADD CONSTRAINT ck_orders_status CHECK (status = ANY ('{pending,confirmed,shipped,delivered,cancelled,returned}'::text[]));
