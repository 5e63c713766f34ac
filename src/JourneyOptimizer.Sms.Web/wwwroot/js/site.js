// Journey Optimizer SMS portal: small progressive enhancements. Every page works without this file.
(function () {
    'use strict';

    // Confirmation dialogs: <a href="...delete-url" data-confirm="Question?" data-confirm-ok="Delete">.
    // Without JavaScript the link opens a confirmation page at the same URL.
    document.addEventListener('click', function (event) {
        var trigger = event.target.closest('[data-confirm]');
        if (!trigger) {
            return;
        }
        var dialogElement = document.getElementById('confirm-dialog');
        if (!dialogElement || !window.bootstrap) {
            return;
        }
        event.preventDefault();
        document.getElementById('confirm-dialog-body').textContent = trigger.getAttribute('data-confirm');
        var ok = document.getElementById('confirm-dialog-ok');
        ok.textContent = trigger.getAttribute('data-confirm-ok') || ok.textContent;
        var form = document.getElementById('confirm-dialog-form');
        form.setAttribute('action', trigger.getAttribute('href') || trigger.getAttribute('data-confirm-url'));
        var modal = window.bootstrap.Modal.getOrCreateInstance(dialogElement);
        dialogElement.addEventListener('shown.bs.modal', function () { ok.focus(); }, { once: true });
        modal.show();
    });

    // Vendor-specific fieldsets: <select data-vendor-select> shows the <fieldset data-vendor="X"> of the chosen vendor.
    function applyVendor(select) {
        var value = select.value;
        document.querySelectorAll('[data-vendor]').forEach(function (fieldset) {
            var match = fieldset.getAttribute('data-vendor') === value;
            fieldset.hidden = !match;
            fieldset.disabled = !match;
        });
        document.querySelectorAll('[data-vendor-apply]').forEach(function (b) { b.hidden = true; });
    }
    document.querySelectorAll('[data-vendor-select]').forEach(function (select) {
        select.addEventListener('change', function () { applyVendor(select); });
        applyVendor(select);
    });

    // Auth-type sections of the Custom form: <select data-auth-select> shows <fieldset data-auth="A B"> listing its value.
    function applyAuth(select) {
        var value = select.value;
        var form = select.form;
        form.querySelectorAll('[data-auth]').forEach(function (fieldset) {
            var match = fieldset.getAttribute('data-auth').split(' ').indexOf(value) >= 0;
            fieldset.hidden = !match;
            fieldset.disabled = !match;
        });
    }
    document.querySelectorAll('[data-auth-select]').forEach(function (select) {
        select.addEventListener('change', function () { applyAuth(select); });
        applyAuth(select);
    });
    document.querySelectorAll('[data-mtls-toggle]').forEach(function (box) {
        var apply = function () {
            box.form.querySelectorAll('[data-mtls]').forEach(function (f) { f.hidden = !box.checked; });
        };
        box.addEventListener('change', apply);
        apply();
    });

    // Custom provider headers: add and remove rows in the browser (keeps what was typed, secrets included), keeping the
    // indexes contiguous for model binding. Rows 0 and 1 (Content-Type, Charset) have no remove button.
    function renumberHeaders(tbody) {
        Array.prototype.forEach.call(tbody.rows, function (row, index) {
            row.querySelectorAll('[name^="Input.Custom.Headers["]').forEach(function (el) {
                el.name = el.name.replace(/Headers\[\d+\]/, 'Headers[' + index + ']');
            });
            row.querySelectorAll('[id^="Input_Custom_Headers_"]').forEach(function (el) {
                el.id = el.id.replace(/Headers_\d+__/, 'Headers_' + index + '__');
            });
            row.querySelectorAll('label[for^="Input_Custom_Headers_"]').forEach(function (el) {
                el.htmlFor = el.htmlFor.replace(/Headers_\d+__/, 'Headers_' + index + '__');
            });
            row.querySelectorAll('[data-valmsg-for^="Input.Custom.Headers["]').forEach(function (el) {
                el.setAttribute('data-valmsg-for', el.getAttribute('data-valmsg-for').replace(/Headers\[\d+\]/, 'Headers[' + index + ']'));
            });
        });
    }
    function updateAddButton(button, tbody) {
        button.hidden = tbody.rows.length >= parseInt(button.getAttribute('data-max-rows'), 10);
    }
    document.querySelectorAll('[data-add-header]').forEach(function (button) {
        var tbody = button.form.querySelector('[data-testid=headers] tbody');
        var template = document.getElementById('header-row-template');
        if (!tbody || !template) {
            return;
        }
        button.addEventListener('click', function (event) {
            event.preventDefault();
            var index = tbody.rows.length;
            var html = template.innerHTML.replace(/__i__/g, String(index)).replace(/___i___/g, '_' + index + '_');
            tbody.insertAdjacentHTML('beforeend', html);
            renumberHeaders(tbody);
            updateAddButton(button, tbody);
            tbody.rows[tbody.rows.length - 1].querySelector('input').focus();
        });
        tbody.addEventListener('click', function (event) {
            var remove = event.target.closest('[data-remove-header]');
            if (!remove) {
                return;
            }
            event.preventDefault();
            remove.closest('tr').remove();
            renumberHeaders(tbody);
            updateAddButton(button, tbody);
        });
    });

    // Copy buttons: <button data-copy-target="#id">.
    document.addEventListener('click', function (event) {
        var button = event.target.closest('[data-copy-target]');
        if (!button) {
            return;
        }
        var target = document.querySelector(button.getAttribute('data-copy-target'));
        if (!target) {
            return;
        }
        var text = target.value || target.textContent;
        var done = function () {
            var label = button.getAttribute('data-copied-label');
            if (label) {
                var original = button.innerHTML;
                button.textContent = label;
                setTimeout(function () { button.innerHTML = original; }, 1500);
            }
        };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(done);
        } else {
            target.select && target.select();
            document.execCommand('copy');
            done();
        }
    });

    // Tab stays inside an open modal dialog: Bootstrap's focus trap lets the focus escape to the browser's own
    // controls when the dialog holds the page's last focusable element.
    document.addEventListener('keydown', function (event) {
        if (event.key !== 'Tab') {
            return;
        }

        var modal = document.querySelector('.modal.show');
        if (!modal) {
            return;
        }

        var focusable = Array.prototype.filter.call(
            modal.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'),
            function (element) { return element.offsetParent !== null; });
        if (focusable.length === 0) {
            return;
        }

        var first = focusable[0];
        var last = focusable[focusable.length - 1];
        var inside = modal.contains(document.activeElement);
        if (event.shiftKey && (!inside || document.activeElement === first)) {
            event.preventDefault();
            last.focus();
        } else if (!event.shiftKey && (!inside || document.activeElement === last)) {
            event.preventDefault();
            first.focus();
        }
    });
})();
