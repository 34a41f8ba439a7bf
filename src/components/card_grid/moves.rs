//! The fewest moves that put a ranking's cards in order: pure logic, tested natively.

/// Which items must move so that they stand in order, given `places[i]`, the place of
/// the item ranked `i`: all but one longest run of items already in order (a longest
/// increasing subsequence of `places`).
pub fn cards_to_move(places: &[usize]) -> Vec<bool> {
    // `tails[l]`: the index of the item ending the best run of length `l + 1` so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; places.len()];
    for (i, &place) in places.iter().enumerate() {
        let l = tails.partition_point(|&t| places[t] < place);
        before[i] = l.checked_sub(1).map(|l| tails[l]);
        if l == tails.len() {
            tails.push(i);
        } else {
            tails[l] = i;
        }
    }
    let mut moving = vec![true; places.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        moving[i] = false;
        at = before[i];
    }
    moving
}

/// The places to put in order when only the first `head` items of a ranking must stand
/// in order, before the others: the places of the others in the order they stand in, so
/// that they keep it. [`cards_to_move`] then moves at most `head` items, since the others
/// already stand in order. (A mask rather than a sort: the wasm has no sort of its own
/// for this, and a sort's code weighs kilobytes.)
pub fn head_first(mut places: Vec<usize>, head: usize) -> Vec<usize> {
    let Some(rest) = places.get(head..) else {
        return places;
    };
    let mut standing = vec![false; places.iter().max().map_or(0, |last| last + 1)];
    for &place in rest {
        standing[place] = true;
    }
    places.truncate(head);
    places.extend((0..standing.len()).filter(|&place| standing[place]));
    places
}

/// Moves the items of `order` as the grid moves its cards: from the last of `ranked` to
/// the first, each item that `moving` marks is put just before the item ranked after it
/// (the last ranked, after every item), and `put(item, before)` is told. Items not ranked
/// stay where they are.
pub fn move_items(
    order: &mut Vec<usize>,
    ranked: &[usize],
    moving: &[bool],
    mut put: impl FnMut(usize, Option<usize>),
) {
    let mut anchor: Option<usize> = None;
    for (&item, &moves) in ranked.iter().zip(moving).rev() {
        if moves {
            order.retain(|&i| i != item);
            let at = anchor.map_or(order.len(), |a| {
                order.iter().position(|&i| i == a).unwrap_or(order.len())
            });
            order.insert(at, item);
            put(item, anchor);
        }
        anchor = Some(item);
    }
}

#[cfg(test)]
mod tests {
    use super::{cards_to_move, head_first, move_items};

    /// Applies the moves to places `0..=max` the way the grid does, and returns the order
    /// of the ranked places and the count of moves.
    fn apply(places: &[usize]) -> (Vec<usize>, usize) {
        let moving = cards_to_move(places);
        let mut order: Vec<usize> = (0..=places.iter().copied().max().unwrap_or(0)).collect();
        move_items(&mut order, places, &moving, |_, _| {});
        let ranked: Vec<usize> = order.into_iter().filter(|p| places.contains(p)).collect();
        (ranked, moving.iter().filter(|m| **m).count())
    }

    #[test]
    fn cards_in_order_stay() {
        assert_eq!(cards_to_move(&[0, 1, 2, 5, 9]), [false; 5]);
        assert_eq!(cards_to_move(&[]), Vec::<bool>::new());
    }

    #[test]
    fn only_the_cards_out_of_order_move() {
        // One card moved to the front: only it moves.
        assert_eq!(apply(&[4, 0, 1, 2, 3]), (vec![4, 0, 1, 2, 3], 1));
        // Reversed: all but one move.
        assert_eq!(apply(&[3, 2, 1, 0]), (vec![3, 2, 1, 0], 3));
        // Hidden cards (the missing places) never move.
        assert_eq!(apply(&[7, 2, 5]), (vec![7, 2, 5], 1));
    }

    /// Every ranking of five cards drawn from eight places.
    fn rankings() -> impl Iterator<Item = Vec<usize>> {
        (0..8u32.pow(5))
            .map(|code| (0..5).map(|i| (code / 8u32.pow(i) % 8) as usize).collect())
            .filter(|places: &Vec<usize>| {
                (1..places.len()).all(|i| !places[..i].contains(&places[i]))
            })
    }

    #[test]
    fn every_ranking_comes_out_in_order() {
        let mut checked = 0;
        for places in rankings() {
            let (ranked, moved) = apply(&places);
            assert_eq!(ranked, places);
            assert!(moved < places.len());
            checked += 1;
        }
        assert_eq!(checked, 8 * 7 * 6 * 5 * 4);
    }

    #[test]
    fn a_head_of_the_ranking_comes_first_in_order_with_at_most_one_move_each() {
        let mut checked = 0;
        for places in rankings() {
            for head in 0..=places.len() {
                let (order, moved) = apply(&head_first(places.clone(), head));
                assert_eq!(order[..head], places[..head], "{places:?}, head {head}");
                assert!(
                    order[head..].is_sorted(),
                    "{places:?}, head {head}: {order:?}"
                );
                assert!(moved <= head, "{places:?}, head {head}: {moved} moves");
                checked += 1;
            }
        }
        assert_eq!(checked, 8 * 7 * 6 * 5 * 4 * 6);
        // The whole ranking as the head is the whole ranking in order.
        assert_eq!(head_first(vec![3, 1, 2], 3), [3, 1, 2]);
        assert_eq!(head_first(vec![3, 1, 2], 9), [3, 1, 2]);
    }
}
