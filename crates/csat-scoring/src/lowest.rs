//! A bounded collection of the smallest items seen: the memory behind the low-scorer and
//! detractor lists.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Keeps the `cap` smallest items under `T`'s total order, whatever order they come in.
///
/// A max-heap of at most `cap` items: a newcomer only has to beat the current largest, so a
/// stream of n items costs O(n log cap) time and O(cap) memory, not a sort of everyone. Because
/// the order is total, the kept set depends only on the multiset of items seen, which makes
/// merging two lists associative and commutative.
#[derive(Debug, Clone)]
pub(crate) struct Lowest<T: Ord> {
    cap: usize,
    heap: BinaryHeap<T>,
}

impl<T: Ord + Clone> Lowest<T> {
    pub(crate) fn new(cap: usize) -> Self {
        Self {
            cap,
            // Reserve lazily: a large cap on a small stream should not allocate up front.
            heap: BinaryHeap::new(),
        }
    }

    /// Whether any item can be kept (a cap of 0 keeps none), so callers can skip even
    /// looking at the item.
    pub(crate) fn keeps_any(&self) -> bool {
        self.cap > 0
    }

    /// Whether an item that compares to the current largest as `vs_largest` would be kept,
    /// so callers can skip building items that would be thrown away.
    pub(crate) fn admits(&self, vs_largest: impl FnOnce(&T) -> Ordering) -> bool {
        if self.cap == 0 {
            return false;
        }
        if self.heap.len() < self.cap {
            return true;
        }
        self.heap
            .peek()
            .is_some_and(|largest| vs_largest(largest) == Ordering::Less)
    }

    pub(crate) fn push(&mut self, item: T) {
        if self.cap == 0 {
            return;
        }
        if self.heap.len() < self.cap {
            self.heap.push(item);
        } else if self.heap.peek().is_some_and(|largest| item < *largest) {
            self.heap.pop();
            self.heap.push(item);
        }
    }

    pub(crate) fn merge_from(&mut self, other: &Self) {
        for item in &other.heap {
            self.push(item.clone());
        }
    }

    /// The kept items, smallest first.
    pub(crate) fn sorted(&self) -> Vec<T> {
        self.heap.clone().into_sorted_vec()
    }
}

impl<T: Ord + Clone> PartialEq for Lowest<T> {
    fn eq(&self, other: &Self) -> bool {
        self.cap == other.cap && self.sorted() == other.sorted()
    }
}

impl<T: Ord + Clone> Eq for Lowest<T> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_smallest_whatever_the_order() {
        let mut a = Lowest::new(3);
        for x in [9, 1, 8, 2, 7, 3] {
            a.push(x);
        }
        assert_eq!(a.sorted(), vec![1, 2, 3]);
        let mut b = Lowest::new(3);
        for x in [3, 2, 1, 7, 8, 9] {
            b.push(x);
        }
        assert_eq!(a, b);
        assert!(!a.admits(|largest| 4.cmp(largest)));
        assert!(a.admits(|largest| 0.cmp(largest)));
    }

    #[test]
    fn merge_equals_one_pass_and_zero_cap_keeps_nothing() {
        let mut a = Lowest::new(2);
        let mut b = Lowest::new(2);
        let mut all = Lowest::new(2);
        for x in [5, 4, 6] {
            a.push(x);
            all.push(x);
        }
        for x in [1, 9] {
            b.push(x);
            all.push(x);
        }
        a.merge_from(&b);
        assert_eq!(a.sorted(), vec![1, 4]);
        assert_eq!(a, all);
        let mut z = Lowest::new(0);
        z.push(1);
        assert!(z.sorted().is_empty());
        assert!(!z.admits(|_| Ordering::Less));
    }
}
