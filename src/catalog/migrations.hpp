#pragma once

// The versioned schema of catalog.db. PRAGMA user_version holds the version; each migration
// moves the store from version N-1 to N inside one write transaction, so a store is always
// at some exact version, and two processes opening a new store do not both migrate it.

namespace basin::catalog {

class SqliteDb;

// The schema version this build writes.
inline constexpr int kCatalogSchemaVersion = 6;

// Brings the store to kCatalogSchemaVersion, keeping its data. A store written by a newer
// Basin (a higher version) is Unsupported: this build does not know its shape.
void MigrateCatalog(SqliteDb& db);

}  // namespace basin::catalog
