//! The set of accepted respondent ids, kept compact: the only memory of the parallel reader
//! that grows with the file.
//!
//! Ids shaped like the file's first id, a fixed prefix followed by a fixed number `d` of
//! digits (`R` + 8 digits, say, with `d` at most 8), are bits of a bitmap indexed by their
//! number: 10^d bits, at most 12.5 MB for `d` = 8 whatever the row count, allocated zeroed
//! so that only the pages touched count. Other ids go into a hash map with the record that
//! first carried them (about 50 bytes an id).

use std::collections::HashMap;

/// An id as the workers hand it to the set: its number if it has the file's shape, else its
/// text (a range of the chunk's id text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdKey {
    Number(u32),
    Text { start: u32, end: u32 },
}

/// The shape of numbered ids, learned from the file's first record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IdShape {
    prefix: String,
    digits: u32,
}

/// The largest digit count kept in a bitmap (10^8 bits = 12.5 MB).
const MAX_DIGITS: u32 = 8;

impl IdShape {
    /// The shape of `id`, if it ends in 1 to 8 digits.
    pub(crate) fn of(id: &str) -> Option<Self> {
        let digits = id.bytes().rev().take_while(u8::is_ascii_digit).count();
        let digits = u32::try_from(digits).ok()?;
        if digits == 0 || digits > MAX_DIGITS {
            return None;
        }
        Some(Self {
            prefix: id[..id.len() - digits as usize].to_owned(),
            digits,
        })
    }

    /// The id of number `n` (the inverse of [`number`](Self::number)).
    pub(crate) fn text(&self, n: u32) -> String {
        format!("{}{n:0width$}", self.prefix, width = self.digits as usize)
    }

    /// The number of `id` if it has this shape.
    #[inline]
    pub(crate) fn number(&self, id: &str) -> Option<u32> {
        let rest = id.strip_prefix(self.prefix.as_str())?.as_bytes();
        if rest.len() != self.digits as usize {
            return None;
        }
        if let Ok(eight) = <[u8; 8]>::try_from(rest) {
            return eight_digits(u64::from_le_bytes(eight));
        }
        rest.iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    }
}

/// The number written by eight ASCII digits (first digit in the lowest byte), if they all are
/// digits: every row's id goes through here, so the digits are checked and combined in a few
/// word operations rather than one by one.
#[inline]
fn eight_digits(w: u64) -> Option<u32> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Each byte is 0x30..=0x39: its high nibble is 3, and adding 6 does not carry into it.
    if w & (0xF0 * ONES) != 0x30 * ONES || (w + 0x06 * ONES) & (0xF0 * ONES) != 0x30 * ONES {
        return None;
    }
    let d = w - 0x30 * ONES;
    // Pairs, then fours, then the eight: each step multiplies the higher-place half by 10^k.
    let d = (d * 10 + (d >> 8)) & 0x00FF_00FF_00FF_00FF;
    let d = (d * 100 + (d >> 16)) & 0x0000_FFFF_0000_FFFF;
    let d = (d * 10_000 + (d >> 32)) & 0xFFFF_FFFF;
    u32::try_from(d).ok()
}

/// An id found in the set: the record that first carried it, when kept (text ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seen {
    At(u64),
    Unrecorded,
}

impl Seen {
    pub(crate) fn record(self) -> Option<u64> {
        match self {
            Self::At(r) => Some(r),
            Self::Unrecorded => None,
        }
    }
}

/// Accepted ids.
#[derive(Debug, Default)]
pub(crate) struct IdSet {
    bits: Vec<u64>,
    /// Which 4 KiB pages of `bits` were written (see [`IdSet::insert_number`]).
    written: Vec<bool>,
    texts: HashMap<Box<str>, u64>,
}

/// Words of the bitmap in a 4 KiB page.
const PAGE_WORDS: usize = 512;

impl IdSet {
    pub(crate) fn new(shape: Option<&IdShape>) -> Self {
        let words = shape.map_or(0, |s| 10usize.pow(s.digits).div_ceil(64));
        Self {
            bits: vec![0; words],
            written: vec![false; words.div_ceil(PAGE_WORDS)],
            texts: HashMap::new(),
        }
    }

    /// Adds an accepted id; if it was already there, says so (`Err`).
    pub(crate) fn insert(&mut self, key: IdKey, text: &str, record: u64) -> Result<(), Seen> {
        match key {
            IdKey::Number(n) => {
                if self.insert_number(n) {
                    Ok(())
                } else {
                    Err(Seen::Unrecorded)
                }
            }
            IdKey::Text { .. } => {
                if let Some(&first) = self.texts.get(text) {
                    return Err(Seen::At(first));
                }
                self.texts.insert(text.into(), record);
                Ok(())
            }
        }
    }

    /// Adds an accepted numbered id; `false` if it was already there.
    #[inline]
    pub(crate) fn insert_number(&mut self, n: u32) -> bool {
        let (word, bit) = (n as usize / 64, 1u64 << (n % 64));
        // The bitmap is allocated zeroed, so its pages are mapped on first touch. A page
        // first read is mapped to the shared zero page and then faults again, with a TLB
        // flush on every core, when written: write each page before reading it.
        if let Some(written) = self.written.get_mut(word / PAGE_WORDS)
            && !*written
        {
            *written = true;
            if let Some(w) = self.bits.get_mut(word) {
                *w = 0;
            }
        }
        let Some(w) = self.bits.get_mut(word) else {
            return true;
        };
        let fresh = *w & bit == 0;
        *w |= bit;
        fresh
    }

    /// Whether a numbered id was accepted.
    #[inline]
    pub(crate) fn contains_number(&self, n: u32) -> bool {
        let word = n as usize / 64;
        self.written.get(word / PAGE_WORDS) == Some(&true)
            && self
                .bits
                .get(word)
                .is_some_and(|w| w & (1u64 << (n % 64)) != 0)
    }

    /// Whether an id was accepted.
    pub(crate) fn get(&self, key: IdKey, text: &str) -> Option<Seen> {
        match key {
            IdKey::Number(n) => self.contains_number(n).then_some(Seen::Unrecorded),
            IdKey::Text { .. } => self.texts.get(text).map(|&r| Seen::At(r)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_numbers() {
        let s = IdShape::of("R02623887").unwrap();
        assert_eq!(s.number("R00000001"), Some(1));
        assert_eq!(s.number("R99999999"), Some(99_999_999));
        assert_eq!(s.number("R1"), None);
        assert_eq!(s.number("S00000001"), None);
        assert_eq!(s.number("R0000000x"), None);
        assert_eq!(s.text(42), "R00000042");
        assert_eq!(
            IdShape::of("R123456789"),
            None,
            "9 digits: too many for the bitmap"
        );
        assert_eq!(IdShape::of("abc"), None);
        assert_eq!(IdShape::of("7").unwrap().number("3"), Some(3));
    }

    #[test]
    fn eight_digits_read_as_the_digit_loop_reads_them() {
        // Expected values: the same digits read one by one.
        for n in [
            0u32, 1, 9, 10, 12_345_678, 90_000_009, 99_999_999, 10_000_000,
        ] {
            let text = format!("{n:08}");
            let word = u64::from_le_bytes(text.as_bytes().try_into().unwrap());
            assert_eq!(eight_digits(word), Some(n), "{text}");
        }
        for bad in [
            "1234567x",
            "/1234567",
            ":1234567",
            "1234 678",
            "12345\u{7f}78",
        ] {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&bad.as_bytes()[..8]);
            assert_eq!(eight_digits(u64::from_le_bytes(bytes)), None, "{bad:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_eight_bytes_read_as_digits_only_if_they_are(bytes in proptest::array::uniform8(proptest::num::u8::ANY)) {
            let by_loop = bytes.iter().try_fold(0u32, |n, &b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            });
            proptest::prop_assert_eq!(eight_digits(u64::from_le_bytes(bytes)), by_loop);
        }

        #[test]
        fn any_eight_digits_read_right(n in 0u32..100_000_000) {
            let text = format!("{n:08}");
            let word = u64::from_le_bytes(text.as_bytes().try_into().unwrap());
            proptest::prop_assert_eq!(eight_digits(word), Some(n));
        }
    }

    #[test]
    fn numbered_and_text_ids_are_remembered() {
        let shape = IdShape::of("R01").unwrap();
        let mut set = IdSet::new(Some(&shape));
        assert_eq!(set.insert(IdKey::Number(7), "R07", 1), Ok(()));
        assert_eq!(
            set.insert(IdKey::Number(7), "R07", 5),
            Err(Seen::Unrecorded)
        );
        assert_eq!(set.get(IdKey::Number(7), "R07"), Some(Seen::Unrecorded));
        assert_eq!(set.get(IdKey::Number(8), "R08"), None);
        let t = IdKey::Text { start: 0, end: 3 };
        assert_eq!(set.insert(t, "abc", 3), Ok(()));
        assert_eq!(set.insert(t, "abc", 9), Err(Seen::At(3)));
        assert_eq!(set.get(t, "abc"), Some(Seen::At(3)));
        assert_eq!(set.get(t, "abd"), None);
    }
}
