// Small progressive enhancements for the server-rendered dashboard; every feature also works without them.
(function () {
    // Filter forms submit as soon as a choice changes.
    document.querySelectorAll('form[data-autosubmit]').forEach(function (form) {
        form.addEventListener('change', function () { form.submit(); });
    });

    // Inbox live updates: poll the change marker, reload when it moved and the user is not typing.
    var live = document.querySelector('[data-live]');
    if (live) {
        var url = live.getAttribute('data-live'), last = null;
        var busy = function () {
            var a = document.activeElement;
            if (a && (a.tagName === 'TEXTAREA' || a.tagName === 'INPUT') && a.value) return true;
            return Array.prototype.some.call(document.querySelectorAll('textarea'), function (t) { return t.value.length > 0; });
        };
        var tick = function () {
            fetch(url, { credentials: 'same-origin', cache: 'no-store' })
                .then(function (r) { return r.ok ? r.text() : null; })
                .then(function (marker) {
                    if (marker === null) return;
                    if (last !== null && marker !== last && !busy()) { location.reload(); return; }
                    last = marker;
                })
                .catch(function () { })
                .finally(function () { setTimeout(tick, 2000); });
        };
        var messages = document.querySelector('[data-testid="messages"]');
        if (messages) messages.scrollTop = messages.scrollHeight;
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
        document.querySelectorAll('[data-testid="lead-card"]').forEach(function (card) {
            card.addEventListener('dragstart', function (e) {
                dragged = card;
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', card.getAttribute('data-contact-id'));
            });
            var select = card.querySelector('[data-move-select]');
            if (select) select.addEventListener('change', function () { move(card.getAttribute('data-contact-id'), select.value); });
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

    // Simulator: poll the thread's change marker every 1.5 s; on a change, load the page again by GET (never re-post)
    // unless the customer is typing. Suggestion chips fill the box.
    var sim = document.querySelector('[data-sim-live]');
    if (sim) {
        var simUrl = sim.getAttribute('data-sim-live'), simHref = sim.getAttribute('data-sim-href'), simLast = null;
        var simInput = sim.querySelector('[data-testid="sim-input"]');
        var thread = sim.querySelector('[data-testid="sim-thread"]');
        if (thread) thread.scrollTop = thread.scrollHeight;
        var simTick = function () {
            fetch(simUrl, { credentials: 'same-origin', cache: 'no-store' })
                .then(function (r) { return r.ok ? r.text() : null; })
                .then(function (marker) {
                    if (marker === null) return;
                    if (simLast !== null && marker !== simLast && !(simInput && simInput.value)) { location.replace(simHref); return; }
                    simLast = marker;
                })
                .catch(function () { })
                .finally(function () { setTimeout(simTick, 1500); });
        };
        // After a post the page shows the message as sent; the first marker is taken as the baseline, so when the
        // worker stores it (or replies) the marker moves and the page refreshes.
        simTick();
        document.querySelectorAll('[data-sim-suggest]').forEach(function (b) {
            b.addEventListener('click', function () { if (simInput) { simInput.value = b.getAttribute('data-sim-suggest'); simInput.focus(); } });
        });
    }
})();
