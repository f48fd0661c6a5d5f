// Draws the desk dashboard's charts with Chart.js from the JSON block the page renders (no inline script: the CSP
// forbids it). Each <canvas data-chart="name"> gets the series of that name; the tables beside them hold the same numbers.
(function () {
    const source = document.getElementById("dashboard-data");
    if (!source || typeof Chart === "undefined") { return; }
    const data = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
        const figure = data[canvas.dataset.chart];
        if (!figure) { return; }
        const stacked = canvas.dataset.stacked === "true";
        const line = canvas.dataset.kind === "line";
        new Chart(canvas, {
            type: line ? "line" : "bar",
            data: {
                labels: figure.labels,
                datasets: figure.series.map(function (s) {
                    return { label: s.label, data: s.data, backgroundColor: s.color, borderColor: s.color, spanGaps: true };
                })
            },
            options: {
                indexAxis: canvas.dataset.horizontal === "true" ? "y" : "x",
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: { x: { stacked: stacked }, y: { stacked: stacked, beginAtZero: true } },
                plugins: { legend: { position: "bottom" } }
            }
        });
        canvas.setAttribute("data-drawn", "true");
    });
})();
