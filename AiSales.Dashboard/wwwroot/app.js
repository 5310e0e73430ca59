// Small progressive enhancements for the server-rendered dashboard; every feature also works without them.
(function () {
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
        if (form && form.hasAttribute('data-autosubmit')) form.submit();
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
    // An interactive part (Components/Live) replaces its server-rendered HTML once, when its circuit starts (a moment
    // after the page shows): Blazor builds its elements anew instead of adopting the server's. What someone did to the
    // old fields meanwhile — text typed, a choice made, the focus and the caret — goes to the field that takes each one's
    // place (same id, else same form and name). This runs in the MutationObserver's callback, before the browser handles
    // the next key press, so no key lands on a removed field and nothing typed before is lost. Fields are found by what
    // they are, not by an input event: text typed before this script ran, or a field only focused, are carried too.
    var focused = document.activeElement;
    document.addEventListener('focusin', function (e) { focused = e.target; }, true);
    // A real blur: nothing to give the focus back to. Told apart after the event (a browser may fire it for a field being
    // removed, before the removal): the field is still in the page and no longer holds the focus.
    document.addEventListener('focusout', function (e) {
        var t = e.target;
        setTimeout(function () { if (t === focused && t.isConnected && document.activeElement !== t) focused = null; }, 0);
    }, true);
    var fields = 'input:not([type=hidden]), textarea, select';
    // A field's place: its id, else its form (attribute, or the id or test id of the form around it) and name. A field
    // with neither (a lead card's stage menu) is not carried: it acts at once and has no twin to tell it by.
    var keyOf = function (f) {
        if (f.id) return '#' + f.id;
        if (!f.name) return null;
        return (f.getAttribute('form') || (f.form && (f.form.id || f.form.getAttribute('data-testid'))) || '') + ':' + f.name;
    };
    var changed = function (f) {
        if (f.type === 'checkbox' || f.type === 'radio') return f.checked !== f.defaultChecked;
        if (f.tagName === 'SELECT') return Array.prototype.some.call(f.options, function (o) { return o.selected !== o.defaultSelected; });
        return f.value !== f.defaultValue;
    };
    var fieldsIn = function (nodes) {
        var list = [];
        Array.prototype.forEach.call(nodes, function (n) {
            if (n.nodeType !== 1) return;
            if (n.matches(fields)) list.push(n);
            Array.prototype.push.apply(list, n.querySelectorAll(fields));
        });
        return list;
    };
    var carry = function (records) {
        var gone = {}, any = false;
        records.forEach(function (r) {
            fieldsIn(r.removedNodes).forEach(function (f) {
                var k = keyOf(f);
                if (k && !f.isConnected && (f === focused || changed(f))) { gone[k] = f; any = true; }
            });
        });
        if (!any) return;
        records.forEach(function (r) {
            fieldsIn(r.addedNodes).forEach(function (n) {
                var k = keyOf(n), old = k && gone[k];
                if (!old || !n.isConnected || old.tagName !== n.tagName) return;
                delete gone[k];
                if (n.type === 'checkbox' || n.type === 'radio') n.checked = old.checked;
                else if (n.value !== old.value) n.value = old.value;
                if (old === focused) {
                    n.focus({ preventScroll: true });
                    try { n.setSelectionRange(old.selectionStart, old.selectionEnd, old.selectionDirection); } catch (e) { /* no caret here */ }
                }
            });
        });
    };
    stick();
    new MutationObserver(function (records) { carry(records); stick(); }).observe(document.body, { childList: true, subtree: true });

    // A page rendered as a form post's answer (the simulator) names its GET address: it goes into the address bar at
    // once (no navigation), so a refresh or a bookmark never posts again.
    var here = document.querySelector('[data-replace-url]');
    if (here && here.getAttribute('data-replace-url') !== location.pathname + location.search) {
        history.replaceState(history.state, '', here.getAttribute('data-replace-url'));
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
        // On the document, not on each card: the live board adds and replaces cards.
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
        // Columns too: the live board (LiveLeadsBoard) builds them anew when its circuit starts.
        var zoneOf = function (el) { return el && el.closest ? el.closest('[data-dropzone]') : null; };
        document.addEventListener('dragover', function (e) {
            var zone = zoneOf(e.target);
            if (zone) { e.preventDefault(); zone.classList.add('over'); }
        });
        document.addEventListener('dragleave', function (e) {
            var zone = zoneOf(e.target);
            if (zone && !zone.contains(e.relatedTarget)) zone.classList.remove('over');
        });
        document.addEventListener('drop', function (e) {
            var zone = zoneOf(e.target);
            if (!zone) return;
            e.preventDefault();
            zone.classList.remove('over');
            var id = e.dataTransfer.getData('text/plain') || (dragged && dragged.getAttribute('data-contact-id'));
            if (id && (!dragged || dragged.closest('[data-dropzone]') !== zone)) move(id, zone.getAttribute('data-stage'));
        });
    }

    // Copy buttons (the API key shown once): data-copy names the element whose text is copied.
    document.querySelectorAll('[data-copy]').forEach(function (b) {
        b.addEventListener('click', function () {
            var source = document.querySelector(b.getAttribute('data-copy'));
            if (source && navigator.clipboard) navigator.clipboard.writeText(source.textContent.trim());
        });
    });

    // Simulator: suggestion chips fill the message box (both outside the live thread, so set up once).
    document.querySelectorAll('[data-sim-suggest]').forEach(function (b) {
        b.addEventListener('click', function () {
            var input = document.querySelector('[data-testid="sim-input"]');
            if (input) { input.value = b.getAttribute('data-sim-suggest'); input.focus(); }
        });
    });
})();
