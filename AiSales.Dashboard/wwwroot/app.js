// Small progressive enhancements for the server-rendered dashboard; every feature also works without them.
(function () {
    // A form post is under way (the page is about to be replaced): the live updates leave the page alone.
    var submitting = false;
    document.addEventListener('submit', function () { submitting = true; }, true);
    window.addEventListener('pageshow', function (e) { if (e.persisted) submitting = false; });

    // Phone menu (MainLayout): the button opens and closes the navigation it controls; app.css hides the navigation
    // below 768 px unless the side bar has nav-open. Escape closes it and gives the focus back to the button.
    var menu = document.querySelector('[data-nav-toggle]');
    if (menu) {
        var bar = menu.closest('.sidebar');
        var setOpen = function (open) {
            menu.setAttribute('aria-expanded', open ? 'true' : 'false');
            bar.classList.toggle('nav-open', open);
        };
        menu.addEventListener('click', function () { setOpen(menu.getAttribute('aria-expanded') !== 'true'); });
        document.addEventListener('keydown', function (e) {
            if (e.key === 'Escape' && menu.getAttribute('aria-expanded') === 'true') { setOpen(false); menu.focus(); }
        });
    }

    // The skip link: Blazor's script takes over same-page links (it scrolls to the fragment itself), which leaves the
    // keyboard focus behind; give it to the main content, as the browser would.
    document.addEventListener('click', function (e) {
        var a = e.target.closest && e.target.closest('.skip-link');
        var target = a && document.getElementById((a.hash || '').slice(1));
        if (target) setTimeout(function () { target.focus(); }, 0);
    });

    // Filter forms submit as soon as a choice changes. Listened for on the document: an interactive part of a page
    // (LiveInbox) replaces its server-rendered elements when it starts, and would lose a listener set on the form itself.
    document.addEventListener('change', function (e) {
        var form = e.target && e.target.form;
        if (form && form.hasAttribute('data-autosubmit')) { submitting = true; form.submit(); }
    });

    // A message list (data-stick-bottom) that was scrolled to the bottom stays there when messages are added to it (the
    // interactive inbox adds them as they arrive); one scrolled up to read older messages is left where it is.
    var stuck = new WeakMap();
    var atBottom = function (el) { return el.scrollHeight - el.scrollTop - el.clientHeight < 32; };
    document.addEventListener('scroll', function (e) {
        if (e.target && e.target.hasAttribute && e.target.hasAttribute('data-stick-bottom')) stuck.set(e.target, atBottom(e.target));
    }, true);
    var stick = function () {
        document.querySelectorAll('[data-stick-bottom]').forEach(function (el) {
            if (!stuck.has(el) || stuck.get(el)) { el.scrollTop = el.scrollHeight; stuck.set(el, true); }
        });
    };
    // An interactive part replaces its server-rendered HTML once its circuit is up (a moment after the page shows): a
    // field typed into before that (fields tied to a page form by their form attribute) gets its text and focus back.
    var typed = {}, keyOf = function (f) { return f.getAttribute && f.getAttribute('form') ? f.getAttribute('form') + ':' + f.name : null; };
    document.addEventListener('input', function (e) {
        var k = keyOf(e.target);
        if (k) typed[k] = { node: e.target, value: e.target.value, focused: document.activeElement === e.target };
    }, true);
    var restore = function () {
        Object.keys(typed).forEach(function (k) {
            var t = typed[k];
            if (document.body.contains(t.node)) { t.focused = document.activeElement === t.node; return; }
            var parts = k.split(':'), n = document.querySelector('[form="' + parts[0] + '"][name="' + parts[1] + '"]');
            if (!n) return;
            if (n.value !== t.value) n.value = t.value;
            if (t.focused) { n.focus(); if (n.setSelectionRange) n.setSelectionRange(n.value.length, n.value.length); }
            t.node = n;
        });
    };
    stick();
    new MutationObserver(function () { restore(); stick(); }).observe(document.body, { childList: true, subtree: true });

    // Live updates (the simulator, the leads board; the inbox is interactive and pushed): one element carries data-live, the change marker's URL, and
    // data-live-marker, the marker the page was rendered at. Poll the marker every data-live-every ms (default 2000);
    // when it moved, fetch the page again (GET data-live-href, else this URL) and swap only its live regions
    // ([data-live-region]) in place, so the page never navigates and a click made meanwhile lands where it was aimed.
    // Regions with data-live-key are merged child by child (unchanged children stay the same nodes); data-live-stick=
    // "bottom" keeps a region scrolled to the bottom if it was. Never replaced: anything holding the focus or a value
    // someone typed (a region, or one child of a keyed region), anything while a pointer is pressed or a form is being
    // submitted; held parts are applied on a later tick. If the page cannot be fetched or its regions differ, nothing
    // changes; after a few such tries, a full load (of data-live-href, else this URL) if nobody is interacting.
    // data-live-href is for a page rendered as a form post's answer (the simulator): its GET address goes into the
    // address bar at once (no navigation), so a refresh or bookmark never posts again.
    var live = document.querySelector('[data-live]');
    if (live) {
        var url = live.getAttribute('data-live'), last = live.getAttribute('data-live-marker') || null;
        var href = live.getAttribute('data-live-href'), every = +live.getAttribute('data-live-every') || 2000;
        if (href && href !== location.pathname + location.search) history.replaceState(history.state, '', href);
        var pending = null, misses = 0, pressedAt = 0;
        document.addEventListener('pointerdown', function () { pressedAt = Date.now(); }, true);
        ['pointerup', 'pointercancel', 'dragend'].forEach(function (type) {
            document.addEventListener(type, function () { pressedAt = 0; }, true);
        });
        window.addEventListener('blur', function () { pressedAt = 0; });
        var pressing = function () { return pressedAt > 0 && Date.now() - pressedAt < 10000; };
        var each = function (list, f) { return Array.prototype.some.call(list, f); };
        // The user is on it: it holds the focus, or a field in it differs from how the server rendered it.
        var holds = function (el) {
            var a = document.activeElement;
            if (a && a !== document.body && el.contains(a)) return true;
            return each(el.querySelectorAll('input, textarea, select'), function (f) {
                if (f.type === 'hidden') return false;
                if (f.tagName === 'SELECT') return each(f.options, function (o) { return o.selected !== o.defaultSelected; });
                if (f.type === 'checkbox' || f.type === 'radio') return f.checked !== f.defaultChecked;
                return f.value !== f.defaultValue;
            });
        };
        var interacting = function () { return submitting || pressing() || holds(document.body); };
        // Antiforgery tokens differ on every render: not a change.
        var html = function (el) { return el.outerHTML.replace(/<input[^>]*__RequestVerificationToken[^>]*>/g, ''); };
        var regionsOf = function (root) { return Array.prototype.slice.call(root.querySelectorAll('[data-live-region]')); };
        var scrollerOf = function (el) {
            for (var e = el; e && e !== document.body; e = e.parentElement) {
                if (e.scrollHeight > e.clientHeight && /auto|scroll/.test(getComputedStyle(e).overflowY)) return e;
            }
            return null;
        };
        // Merges the children of a keyed region (and takes its attributes); false when a child someone is on was kept as it is.
        var merge = function (region, next) {
            Array.prototype.slice.call(region.attributes).forEach(function (a) { if (!next.hasAttribute(a.name)) region.removeAttribute(a.name); });
            Array.prototype.forEach.call(next.attributes, function (a) { if (region.getAttribute(a.name) !== a.value) region.setAttribute(a.name, a.value); });
            var attr = region.getAttribute('data-live-key');
            var keyOf = function (el) { return el.getAttribute(attr) || '#' + el.tagName + ':' + (el.getAttribute('data-testid') || ''); };
            var old = {}, want = [], done = true;
            Array.prototype.forEach.call(region.children, function (c) { var k = keyOf(c); if (!(k in old)) old[k] = c; });
            Array.prototype.forEach.call(next.children, function (n) {
                var k = keyOf(n), o = old[k];
                delete old[k];
                if (o && html(o) === html(n)) want.push(o);
                else if (o && holds(o)) { want.push(o); done = false; }
                else want.push(document.importNode(n, true));
            });
            for (var k in old) if (holds(old[k])) return false; // would drop what someone is typing: not now
            // Scroll: a region that sticks to the bottom (messages) stays there if it was; otherwise the first visible
            // child that stays keeps its place on screen.
            var stick = region.getAttribute('data-live-stick') === 'bottom'
                && region.scrollHeight - region.scrollTop - region.clientHeight < 32;
            var scroller = stick ? null : scrollerOf(region), anchor = null, anchorTop = 0;
            if (scroller) {
                var top = scroller.getBoundingClientRect().top;
                for (var i = 0; i < want.length && !anchor; i++) {
                    if (want[i].parentNode === region && want[i].getBoundingClientRect().bottom > top) anchor = want[i];
                }
                if (anchor) anchorTop = anchor.getBoundingClientRect().top;
            }
            for (k in old) region.removeChild(old[k]);
            want.forEach(function (n, i) { var at = region.children[i]; if (at !== n) region.insertBefore(n, at || null); });
            while (region.children.length > want.length) region.removeChild(region.lastElementChild);
            if (stick) region.scrollTop = region.scrollHeight;
            else if (anchor) scroller.scrollTop += anchor.getBoundingClientRect().top - anchorTop;
            return done;
        };
        // Applies a fetched page: null when its regions are not this page's, else whether everything was applied.
        var apply = function (doc) {
            var now = regionsOf(document), next = regionsOf(doc);
            if (!doc.querySelector('[data-live]') || now.length !== next.length || now.some(function (r, i) {
                return r.getAttribute('data-live-region') !== next[i].getAttribute('data-live-region');
            })) return null;
            var done = true;
            now.forEach(function (r, i) {
                if (r.hasAttribute('data-live-key')) { if (!merge(r, next[i])) done = false; }
                else if (html(r) !== html(next[i])) {
                    if (holds(r)) done = false;
                    else r.replaceWith(document.importNode(next[i], true));
                }
            });
            return done;
        };
        var fallback = function () {
            if (++misses >= 3 && !interacting()) { if (href) location.replace(href); else location.reload(); }
        };
        var refresh = function (marker) {
            return fetch(href || location.pathname + location.search, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'text/html' } })
                .then(function (r) { return r.ok && !r.redirected ? r.text() : null; })
                .then(function (text) {
                    if (text === null) { fallback(); return; }
                    var doc = new DOMParser().parseFromString(text, 'text/html'), page = doc.querySelector('[data-live]');
                    // The marker the page was rendered at (read before its data), so a later change is never taken as seen.
                    pending = { doc: doc, marker: (page && page.getAttribute('data-live-marker')) || marker };
                    return settle();
                });
        };
        // Applies the fetched page unless someone is pressing or submitting; keeps it for the next tick while parts are held.
        var settle = function () {
            if (submitting || pressing()) return 300;
            var done = apply(pending.doc);
            if (done === null) { pending = null; fallback(); return; }
            misses = 0;
            last = pending.marker;
            if (done) pending = null;
        };
        var tick = function () {
            fetch(url, { credentials: 'same-origin', cache: 'no-store' })
                .then(function (r) { return r.ok ? r.text() : null; })
                .then(function (marker) {
                    if (marker === null) return;
                    if (last === null) { last = marker; return; }
                    if (pending && pending.marker === marker) return settle();
                    if (marker !== last) return submitting || pressing() ? 300 : refresh(marker);
                })
                .catch(function () { })
                .then(function (delay) { setTimeout(tick, delay || every); });
        };
        document.querySelectorAll('[data-live-stick="bottom"]').forEach(function (r) { r.scrollTop = r.scrollHeight; });
        tick();
    }

    // Leads board: drag a card to a column, or pick a stage in the card's menu; both post the one move form.
    var moveForm = document.getElementById('lead-move-form');
    if (moveForm) {
        var move = function (contactId, stage) {
            moveForm.elements['contactId'].value = contactId;
            moveForm.elements['stage'].value = stage;
            moveForm.submit();
        };
        var dragged = null;
        // On the document, not on each card: live updates replace cards (the columns stay).
        var cardOf = function (el) { return el.closest && el.closest('[data-testid="lead-card"]'); };
        document.addEventListener('dragstart', function (e) {
            var card = cardOf(e.target);
            if (!card) return;
            dragged = card;
            e.dataTransfer.effectAllowed = 'move';
            e.dataTransfer.setData('text/plain', card.getAttribute('data-contact-id'));
        });
        document.addEventListener('change', function (e) {
            var card = e.target.matches && e.target.matches('[data-move-select]') ? cardOf(e.target) : null;
            if (card) move(card.getAttribute('data-contact-id'), e.target.value);
        });
        document.querySelectorAll('[data-dropzone]').forEach(function (zone) {
            zone.addEventListener('dragover', function (e) { e.preventDefault(); zone.classList.add('over'); });
            zone.addEventListener('dragleave', function () { zone.classList.remove('over'); });
            zone.addEventListener('drop', function (e) {
                e.preventDefault();
                zone.classList.remove('over');
                var id = e.dataTransfer.getData('text/plain') || (dragged && dragged.getAttribute('data-contact-id'));
                if (id && (!dragged || dragged.closest('[data-dropzone]') !== zone)) move(id, zone.getAttribute('data-stage'));
            });
        });
    }

    // Copy buttons (the API key shown once): data-copy names the element whose text is copied.
    document.querySelectorAll('[data-copy]').forEach(function (b) {
        b.addEventListener('click', function () {
            var source = document.querySelector(b.getAttribute('data-copy'));
            if (source && navigator.clipboard) navigator.clipboard.writeText(source.textContent.trim());
        });
    });

    // Simulator (its thread updates through the live updates above): suggestion chips fill the message box.
    document.querySelectorAll('[data-sim-suggest]').forEach(function (b) {
        b.addEventListener('click', function () {
            var input = document.querySelector('[data-testid="sim-input"]');
            if (input) { input.value = b.getAttribute('data-sim-suggest'); input.focus(); }
        });
    });
})();
