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
})();
