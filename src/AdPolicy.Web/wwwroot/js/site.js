// Keeps countdowns live. Times themselves are written by the server in the reader's zone (their profile's), so the
// page and the countdown agree whatever the browser's own zone is.
(function () {
    function span(ms) {
        const m = Math.floor(Math.abs(ms) / 60000), h = Math.floor(m / 60), d = Math.floor(h / 24);
        return d >= 2 ? d + " d " + (h % 24) + " h" : h >= 1 ? h + " h " + (m % 60) + " min" : (m % 60) + " min";
    }
    const loadedAt = Date.now();
    // A countdown's data-now, data-left and data-overdue are its own, or set once on a list that has many (the queue).
    function attr(el, name) {
        const holder = el.closest("[" + name + "]");
        return holder ? holder.getAttribute(name) : null;
    }
    function tick() {
        document.querySelectorAll("[data-countdown]").forEach(function (el) {
            // data-now is the server's clock when the page was made (it can run ahead in a demo)
            const serverNow = new Date(attr(el, "data-now")).getTime() + (Date.now() - loadedAt);
            const left = new Date(el.getAttribute("data-countdown")).getTime() - serverNow;
            // the sentence comes from the server in the reader's language: data-left="{0} left", data-overdue="overdue by {0}"
            const template = attr(el, left < 0 ? "data-overdue" : "data-left") || "{0}";
            el.textContent = template.replace("{0}", span(left));
            el.classList.toggle("overdue", left < 0);
        });
    }
    tick();
    setInterval(tick, 30000);
})();

// Forms that ask first (data-confirm on the form), and buttons that work once (data-once="Filing…": the server also
// refuses a second filing of the same form). Here rather than inline: the Content-Security-Policy forbids inline script.
document.addEventListener("submit", function (event) {
    const form = event.target;
    const question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
        event.preventDefault();
        return;
    }
    form.querySelectorAll("button[data-once]").forEach(function (b) {
        b.disabled = true;
        b.textContent = b.getAttribute("data-once") || b.textContent;
    });
});
