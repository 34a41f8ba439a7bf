//! Arrow-key movement between the grid's cards: Up and Down (Left and Right too) move to
//! the previous and next card, Home and End to the first and last, and Up from the first
//! card leaves the grid (the page puts the focus back in the search box).

use crate::browser;

use super::dom::card_links;

/// Where a key moves the focus among the cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// To the next card (Down, Right).
    Next,
    /// To the previous card (Up, Left).
    Previous,
    /// To the first card (Home).
    First,
    /// To the last card (End).
    Last,
}

impl Step {
    /// The step a key asks for, by its `KeyboardEvent.key`; `None` for other keys.
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "ArrowDown" | "ArrowRight" => Some(Self::Next),
            "ArrowUp" | "ArrowLeft" => Some(Self::Previous),
            "Home" => Some(Self::First),
            "End" => Some(Self::Last),
            _ => None,
        }
    }
}

/// Where the focus goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// To the card at this index.
    To(usize),
    /// Out of the grid, above the first card.
    LeaveTop,
    /// Nowhere: the focus is on the last card and the step goes on.
    Stay,
}

/// Where `step` takes the focus from card `current` of `count`.
pub fn target(step: Step, current: usize, count: usize) -> Move {
    let to = match step {
        Step::First => Some(0),
        Step::Last => count.checked_sub(1),
        Step::Next => current.checked_add(1).filter(|&i| i < count),
        Step::Previous => current.checked_sub(1),
    };
    match to {
        Some(i) => Move::To(i),
        None if step == Step::Previous => Move::LeaveTop,
        None => Move::Stay,
    }
}

/// Moves the focus among the listed cards of `list` for the key `key`, when the focus is
/// on one of them. Returns the move made (the caller then keeps the key from scrolling
/// the page, and handles [`Move::LeaveTop`]), or `None` when the key is not the grid's.
pub fn move_focus(list: &web_sys::Element, key: &str) -> Option<Move> {
    let step = Step::from_key(key)?;
    let links = card_links(list);
    let current = browser::active_element().and_then(|a| links.iter().position(|l| *l == a))?;
    let moved = target(step, current, links.len());
    if let Move::To(i) = moved {
        browser::focus(&links[i]);
    }
    Some(moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_steps() {
        assert_eq!(Step::from_key("ArrowDown"), Some(Step::Next));
        assert_eq!(Step::from_key("ArrowRight"), Some(Step::Next));
        assert_eq!(Step::from_key("ArrowUp"), Some(Step::Previous));
        assert_eq!(Step::from_key("ArrowLeft"), Some(Step::Previous));
        assert_eq!(Step::from_key("Home"), Some(Step::First));
        assert_eq!(Step::from_key("End"), Some(Step::Last));
        assert_eq!(Step::from_key("Enter"), None);
    }

    #[test]
    fn steps_move_within_the_cards_and_up_leaves_the_top() {
        assert_eq!(target(Step::Next, 0, 3), Move::To(1));
        assert_eq!(target(Step::Next, 2, 3), Move::Stay);
        assert_eq!(target(Step::Previous, 2, 3), Move::To(1));
        assert_eq!(target(Step::Previous, 0, 3), Move::LeaveTop);
        assert_eq!(target(Step::First, 2, 3), Move::To(0));
        assert_eq!(target(Step::Last, 0, 3), Move::To(2));
    }
}
