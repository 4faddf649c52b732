package secrets

// keywordMatcher finds every occurrence of a set of lower-case keywords in
// a byte slice in one pass, ignoring ASCII case. It is an Aho-Corasick
// automaton compiled to a dense DFA over byte classes: bytes that occur in
// no keyword share one class, so the transition table stays small enough
// to live in cache (states × classes × 2 bytes), and the inner loop is one
// table load per input byte with no branches on the automaton's shape.
type keywordMatcher struct {
	class   [256]uint8 // input byte → class; 'A'-'Z' fold onto 'a'-'z'
	nclass  int
	delta   []uint16 // state*nclass + class → next state
	final   []bool   // state has output
	out     [][]int32
	lengths []int // keyword id → length
}

// maxKeywordStates bounds the automaton so state numbers fit in uint16.
const maxKeywordStates = 1 << 16

// newKeywordMatcher compiles keywords (already lower case). Keyword i is
// reported as id i.
func newKeywordMatcher(keywords []string) *keywordMatcher {
	m := &keywordMatcher{lengths: make([]int, len(keywords))}
	// Byte classes: 0 for bytes in no keyword, then one per distinct byte.
	var seen [256]bool
	for _, k := range keywords {
		for i := 0; i < len(k); i++ {
			seen[k[i]] = true
		}
	}
	n := 1
	for b := 0; b < 256; b++ {
		if seen[b] {
			m.class[b] = uint8(n)
			n++
		}
	}
	for b := 'A'; b <= 'Z'; b++ {
		m.class[b] = m.class[b+'a'-'A']
	}
	m.nclass = n

	// Trie.
	type node struct {
		next map[uint8]int
		out  []int32
	}
	nodes := []node{{next: map[uint8]int{}}}
	for id, k := range keywords {
		m.lengths[id] = len(k)
		s := 0
		for i := 0; i < len(k); i++ {
			c := m.class[k[i]]
			t, ok := nodes[s].next[c]
			if !ok {
				t = len(nodes)
				nodes = append(nodes, node{next: map[uint8]int{}})
				nodes[s].next[c] = t
			}
			s = t
		}
		nodes[s].out = append(nodes[s].out, int32(id))
	}
	if len(nodes) > maxKeywordStates {
		panic("secrets: too many keyword states")
	}

	// Breadth-first: failure links folded into a full transition table.
	m.delta = make([]uint16, len(nodes)*n)
	fail := make([]int, len(nodes))
	queue := make([]int, 0, len(nodes))
	for c := 0; c < n; c++ {
		if t, ok := nodes[0].next[uint8(c)]; ok {
			m.delta[c] = uint16(t)
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		nodes[s].out = append(nodes[s].out, nodes[fail[s]].out...)
		for c := 0; c < n; c++ {
			if t, ok := nodes[s].next[uint8(c)]; ok {
				fail[t] = int(m.delta[fail[s]*n+c])
				m.delta[s*n+c] = uint16(t)
				queue = append(queue, t)
			} else {
				m.delta[s*n+c] = m.delta[fail[s]*n+c]
			}
		}
	}
	m.final = make([]bool, len(nodes))
	m.out = make([][]int32, len(nodes))
	for i := range nodes {
		m.out[i] = nodes[i].out
		m.final[i] = len(nodes[i].out) > 0
	}
	return m
}

// scan calls hit(id, start) for every occurrence of every keyword in b,
// in order of the occurrence's end.
func (m *keywordMatcher) scan(b []byte, hit func(id int, start int)) {
	delta, class, final, n := m.delta, &m.class, m.final, m.nclass
	s := 0
	for i, c := range b {
		s = int(delta[s*n+int(class[c])])
		if final[s] {
			for _, id := range m.out[s] {
				hit(int(id), i+1-m.lengths[id])
			}
		}
	}
}
