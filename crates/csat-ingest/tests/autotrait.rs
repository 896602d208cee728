//! Pins the auto traits of the public types, so a change that loses them is caught here.

use std::fs::File;

use csat_ingest::{
    CsvReader, Error, ErrorKind, Ingested, JsonReader, LoadedWave, Policy, Position, ReadOptions,
    RowFlags, Summary, UnknownColumns,
};

fn send_sync<T: Send + Sync>() {}
fn send<T: Send>() {}

#[test]
fn public_types_are_send_and_sync() {
    send_sync::<Error>();
    send_sync::<ErrorKind>();
    send_sync::<Position>();
    send_sync::<Summary>();
    send_sync::<RowFlags>();
    send_sync::<Ingested>();
    send_sync::<LoadedWave>();
    send_sync::<ReadOptions>();
    send_sync::<Policy>();
    send_sync::<UnknownColumns>();
    // Readers hold a shared definition and the input, so they can move to another thread.
    send::<CsvReader<'static, File>>();
    send::<JsonReader<'static, File>>();
}
