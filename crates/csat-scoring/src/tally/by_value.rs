//! Segment groups by attribute value, with the hash index that finds a respondent's group.

use super::groups::Keyed;

/// Flat groups by attribute value, sorted by value, with a hash index beside them so that
/// finding a respondent's group costs one hash and one string comparison instead of a binary
/// search of string comparisons. The index only accelerates: equality, merging and reading
/// see the sorted groups alone.
#[derive(Debug, Clone, Default)]
pub(super) struct ByValue {
    pub(super) entries: Keyed<String>,
    index: ValueIndex,
}

impl PartialEq for ByValue {
    fn eq(&self, other: &Self) -> bool {
        // The index follows from the entries.
        self.entries == other.entries
    }
}

impl Eq for ByValue {}

impl ByValue {
    /// The flat counters of `value`, created (zeroed) on first use.
    #[inline]
    pub(super) fn group(&mut self, value: &str, width: usize) -> &mut Vec<u64> {
        let i = match self.index.find(&self.entries, value) {
            Some(i) => i,
            None => self.insert(value, width),
        };
        &mut self.entries[i].1
    }

    /// The flat counters of `value`, if it has a group (and the index is on).
    #[expect(
        clippy::inline_always,
        reason = "measured: called out of line, the lookup costs a third more per response"
    )]
    #[inline(always)]
    pub(super) fn find_mut(&mut self, value: &str) -> Option<&mut Vec<u64>> {
        let i = self.index.find(&self.entries, value)?;
        self.entries.get_mut(i).map(|(_, g)| g)
    }

    /// Where `value` is, adding it (zeroed) if new: the slow path of [`ByValue::group`].
    #[cold]
    fn insert(&mut self, value: &str, width: usize) -> usize {
        match self
            .entries
            .binary_search_by(|(k, _)| k.as_str().cmp(value))
        {
            // Present but not indexed: only when the index is off (see `ValueIndex::insert`).
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (value.to_owned(), vec![0; width]));
                self.index.insert(&self.entries, i);
                i
            }
        }
    }
}

/// Open addressing over the positions of sorted entries: slot `s` holds position + 1, 0 is
/// empty; at most half the slots are full, so every probe sequence meets an empty slot.
#[derive(Debug, Clone, Default)]
struct ValueIndex {
    slots: Vec<u32>,
    /// `64 - log2(slots.len())`: the hash's top bits pick the first slot.
    shift: u32,
}

impl ValueIndex {
    /// The position of `key` in `entries`, if indexed.
    #[expect(
        clippy::inline_always,
        reason = "measured: called out of line, the lookup costs a third more per response"
    )]
    #[inline(always)]
    fn find(&self, entries: &[(String, Vec<u64>)], key: &str) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = self.first_slot(key);
        loop {
            let position = usize::try_from(*self.slots.get(at)?).ok()?.checked_sub(1)?;
            if same_text(&entries.get(position)?.0, key) {
                return Some(position);
            }
            at = (at + 1) & mask;
        }
    }

    #[inline]
    fn first_slot(&self, key: &str) -> usize {
        // `shift` is below 64 (0 only for the empty table, where nothing is looked up).
        usize::try_from(value_hash(key) >> (self.shift & 63)).unwrap_or(0)
    }

    /// Records that `entries[at]` was just inserted (the entries after it moved up by one).
    fn insert(&mut self, entries: &[(String, Vec<u64>)], at: usize) {
        let Ok(at) = u32::try_from(at) else {
            // Too many values to index: finding falls back to the binary search.
            self.slots.clear();
            return;
        };
        let Some(needed) = entries.len().checked_mul(2) else {
            self.slots.clear();
            return;
        };
        if needed > self.slots.len() {
            self.rebuild(entries);
            return;
        }
        for s in &mut self.slots {
            if *s > at {
                *s += 1;
            }
        }
        self.place(entries, at);
    }

    /// Indexes every entry, in a table of at least four times as many slots.
    fn rebuild(&mut self, entries: &[(String, Vec<u64>)]) {
        let Some(size) = entries
            .len()
            .checked_mul(4)
            .and_then(usize::checked_next_power_of_two)
            .filter(|_| u32::try_from(entries.len()).is_ok())
        else {
            self.slots.clear();
            return;
        };
        self.slots = vec![0; size.max(8)];
        self.shift = 64 - self.slots.len().trailing_zeros();
        for p in (0u32..).take(entries.len()) {
            self.place(entries, p);
        }
    }

    /// Puts position `p` in the first empty slot of its probe sequence.
    fn place(&mut self, entries: &[(String, Vec<u64>)], p: u32) {
        let (Some(mask), Some((key, _))) = (
            self.slots.len().checked_sub(1),
            usize::try_from(p).ok().and_then(|i| entries.get(i)),
        ) else {
            return;
        };
        let mut at = self.first_slot(key);
        while let Some(s) = self.slots.get_mut(at) {
            if *s == 0 {
                *s = p + 1;
                return;
            }
            at = (at + 1) & mask;
        }
    }
}

/// `a == b`, with short strings compared in a few word loads rather than a `bcmp` call
/// (attribute values are mostly short). Overlapping loads cover every byte.
#[inline]
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let half = |c: &[u8]| <[u8; 4]>::try_from(c).map_or(0, u32::from_le_bytes);
    let word = |c: &[u8]| <[u8; 8]>::try_from(c).map_or(0, u64::from_le_bytes);
    match n {
        0 => true,
        1..4 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=8 => half(&a[..4]) == half(&b[..4]) && half(&a[n - 4..]) == half(&b[n - 4..]),
        9..=16 => word(&a[..8]) == word(&b[..8]) && word(&a[n - 8..]) == word(&b[n - 8..]),
        _ => a == b,
    }
}

/// A fast hash of a short string (`FxHash`'s multiply-rotate, reading the bytes in at most
/// a few words): only for finding slots, any hash would be correct.
#[inline(always)]
fn value_hash(key: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let b = key.as_bytes();
    let word = |c: &[u8]| <[u8; 8]>::try_from(c).map_or(0, u64::from_le_bytes);
    let half = |c: &[u8]| <[u8; 4]>::try_from(c).map_or(0, |w| u64::from(u32::from_le_bytes(w)));
    let mut h = mix(0, b.len() as u64);
    match b.len() {
        0 => {}
        1..4 => {
            let (first, mid, last) = (b[0], b[b.len() / 2], b[b.len() - 1]);
            h = mix(
                h,
                u64::from(first) | u64::from(mid) << 8 | u64::from(last) << 16,
            );
        }
        4..=8 => h = mix(h, half(&b[..4]) | half(&b[b.len() - 4..]) << 32),
        9..=16 => h = mix(mix(h, word(&b[..8])), word(&b[b.len() - 8..])),
        _ => h = long_value_hash(h, b),
    }
    // The multiply leaves the low bits poorly mixed; slots are chosen by the top bits.
    h
}

/// [`value_hash`] of a value longer than 16 bytes (rare for a segment), apart so that the
/// short cases inline.
#[cold]
#[inline(never)]
fn long_value_hash(mut h: u64, b: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let word = |c: &[u8]| <[u8; 8]>::try_from(c).map_or(0, u64::from_le_bytes);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, word(c));
    }
    if !chunks.remainder().is_empty() {
        h = mix(h, word(&b[b.len().saturating_sub(8)..]));
    }
    h
}
