//! Cycle detection over the type graph, linear in its size and without
//! recursion (a spec's graph is input: a chain of 10,000 types must not
//! exhaust the stack).

/// Which nodes lie on a cycle: a node is on one when its strongly connected
/// component has more than one node, or it has an edge to itself.
/// Tarjan's algorithm, with an explicit stack.
pub(crate) fn on_cycle(edges: &[Vec<usize>]) -> Vec<bool> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut cyclic = vec![false; n];
    let mut next = 0;
    // (node, position of the next edge to follow)
    let mut work: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        work.push((root, 0));
        while let Some(&mut (v, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[v] == UNSEEN {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if w == v {
                    cyclic[v] = true;
                } else if index[w] == UNSEEN {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    for w in component {
                        cyclic[w] = true;
                    }
                }
            }
        }
    }
    cyclic
}

/// [`on_cycle`] for nodes known by name: `next` gives the names a node
/// points to (names that are not among `names` are no edge).
pub(crate) fn named_on_cycle<'a>(
    names: &[&'a str],
    next: impl Fn(&'a str) -> Vec<&'a str>,
) -> Vec<bool> {
    let ids: std::collections::HashMap<&str, usize> =
        names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let edges: Vec<Vec<usize>> = names
        .iter()
        .map(|n| {
            next(n)
                .into_iter()
                .filter_map(|m| ids.get(m).copied())
                .collect()
        })
        .collect();
    on_cycle(&edges)
}

#[cfg(test)]
mod tests {
    use super::on_cycle;

    #[test]
    fn finds_exactly_the_nodes_on_cycles() {
        // 0 -> 1 -> 2 -> 0 (a cycle), 3 -> 0 (reaches it, not on it),
        // 4 -> 4 (a self loop), 5 alone, 6 -> 7 -> 6.
        let edges = vec![
            vec![1],
            vec![2],
            vec![0],
            vec![0],
            vec![4],
            vec![],
            vec![7],
            vec![6],
        ];
        assert_eq!(
            on_cycle(&edges),
            [true, true, true, false, true, false, true, true]
        );
    }

    #[test]
    fn a_long_chain_needs_no_stack() {
        let n = 200_000;
        let mut edges: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        edges[n - 1] = vec![];
        assert!(on_cycle(&edges).iter().all(|c| !c));
        edges[n - 1] = vec![0];
        assert!(on_cycle(&edges).iter().all(|c| *c));
    }
}
