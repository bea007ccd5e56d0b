-- PostgreSQL (13 or later) for several Carbon Kiosk collectors sharing one database, with
-- least privilege. Explained in docs/operations.md. Run once, as a superuser:
--
--   sudo -u postgres psql -v ON_ERROR_STOP=1 -v collectors=3 -f kiosk-collectors.sql
--
-- then give each login role its password without it passing through the shell or the logs:
--
--   sudo -u postgres psql -d kiosk -c '\password kiosk_collector_1'
--
-- What it makes:
--   kiosk_owner          NOLOGIN  owns schema "kiosk" and, through the collectors, every table in it
--   kiosk_collector_N    LOGIN    one per collector (N = 1 .. :collectors); member of kiosk_owner and
--                                acting as it (SET ROLE at login), so tables a collector's schema
--                                migration creates belong to kiosk_owner and every collector can use them
--   kiosk_readonly       NOLOGIN  SELECT on the schema's tables (reports, audits, exports)
--   kiosk_report         LOGIN    member of kiosk_readonly
-- Nobody but the superuser owns the database itself, so no collector can drop it, create
-- other schemas in it, or touch any other database (CONNECT is revoked from PUBLIC).

\if :{?collectors}
\else
  \set collectors 2
\endif

CREATE ROLE kiosk_owner NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE ROLE kiosk_readonly NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE ROLE kiosk_report LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
    CONNECTION LIMIT 4 IN ROLE kiosk_readonly;

-- One login role per collector. db.poolSize is 8 by default; 12 leaves room for a restart
-- overlapping the old connections' close.
SELECT format('CREATE ROLE kiosk_collector_%s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION'
              ' NOBYPASSRLS CONNECTION LIMIT 12 IN ROLE kiosk_owner', n)
  FROM generate_series(1, :collectors) AS n \gexec
SELECT format('ALTER ROLE kiosk_collector_%s SET role = %L', n, 'kiosk_owner')
  FROM generate_series(1, :collectors) AS n \gexec
SELECT format('ALTER ROLE kiosk_collector_%s SET search_path = kiosk', n)
  FROM generate_series(1, :collectors) AS n \gexec

-- The database belongs to the superuser that runs this script.
CREATE DATABASE kiosk ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
REVOKE ALL ON DATABASE kiosk FROM PUBLIC;
GRANT CONNECT ON DATABASE kiosk TO kiosk_owner;
GRANT CONNECT ON DATABASE kiosk TO kiosk_readonly;
ALTER DATABASE kiosk SET timezone = 'UTC';
-- A statement or transaction that hangs must not hold the account-month row locks forever.
ALTER DATABASE kiosk SET idle_in_transaction_session_timeout = '60s';

\connect kiosk

-- Nothing in "public" for anyone (PostgreSQL 15 does this already; older versions do not).
REVOKE ALL ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA kiosk AUTHORIZATION kiosk_owner;
REVOKE ALL ON SCHEMA kiosk FROM PUBLIC;
GRANT USAGE ON SCHEMA kiosk TO kiosk_readonly;
-- Tables and sequences that the collectors' migrations create later are readable by kiosk_readonly.
ALTER DEFAULT PRIVILEGES FOR ROLE kiosk_owner IN SCHEMA kiosk GRANT SELECT ON TABLES TO kiosk_readonly;
ALTER DEFAULT PRIVILEGES FOR ROLE kiosk_owner IN SCHEMA kiosk GRANT SELECT ON SEQUENCES TO kiosk_readonly;
ALTER ROLE kiosk_report SET search_path = kiosk;
ALTER ROLE kiosk_report SET default_transaction_read_only = on;
